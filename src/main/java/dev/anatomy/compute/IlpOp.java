package dev.anatomy.compute;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.Sink;

/**
 * The operations of the instruction-level-parallelism probe, each a spec (what one iteration does)
 * plus its loops in {@link IntRingLoops} or {@link FpChainLoops}, and the closed form that checks a
 * run.
 */
enum IlpOp {
  /** 64-bit integer add, a ring of registers. */
  INT_ADD("int64-add", "64-bit integer add (ring of c + 1 registers, x0 += x1 ... xc += x0)", 0),
  /** 64-bit integer multiply, a ring of odd registers. */
  INT_MUL("int64-mul", "64-bit integer multiply (ring of c + 1 odd registers, x0 *= x1 ...)", 0),
  /** FP64 add of a loop-invariant addend. */
  FP64_ADD("fp64-add", "FP64 add, c independent chains x += d", 1),
  /** FP64 multiply by a loop-invariant factor. */
  FP64_MUL("fp64-mul", "FP64 multiply, c independent chains x *= m", 1),
  /** FP64 fused multiply-add, accumulator as the addend. */
  FP64_FMA("fp64-fma", "FP64 fused multiply-add, c independent chains x = fma(a, b, x)", 2);

  /** The chain counts measured for every operation. */
  static final int[] CHAINS = {1, 2, 4, 8, 16};

  private static final double ADDEND = 0x1p-20;
  private static final double FACTOR = 1 + 0x1p-30;
  private static final double FMA_A = 0.5;

  private final String label;
  private final String description;
  private final int flopsPerOp;

  IlpOp(String label, String description, int flopsPerOp) {
    this.label = label;
    this.description = description;
    this.flopsPerOp = flopsPerOp;
  }

  /**
   * The name written into the document.
   *
   * @return e.g. "fp64-fma"
   */
  String label() {
    return label;
  }

  /**
   * What one chain does, for the figure's method.
   *
   * @return a sentence fragment
   */
  String description() {
    return description;
  }

  /**
   * Floating-point operations per op (an FMA counts 2).
   *
   * @return 0 for integer ops
   */
  int flopsPerOp() {
    return flopsPerOp;
  }

  /**
   * Operations one loop iteration performs.
   *
   * @param chains the chain count
   * @return chains + 1 for the integer rings, chains for floating point
   */
  int opsPerIteration(int chains) {
    return isInteger() ? chains + 1 : chains;
  }

  /**
   * Whether the chains are integer rings.
   *
   * @return true for int64-add and int64-mul
   */
  boolean isInteger() {
    return this == INT_ADD || this == INT_MUL;
  }

  /**
   * A seed the loops accept, varied by a counter so no two runs see the same input.
   *
   * @param tag any number
   * @return for integer rings a large odd number, for floating point a small integer 1..8
   */
  long seed(long tag) {
    if (isInteger()) {
      return (tag * 0x9E3779B97F4A7C15L) | 1;
    }
    return 1 + (tag & 7);
  }

  /**
   * Runs the loop once.
   *
   * @param chains one of {@link #CHAINS}
   * @param n iterations
   * @param seed from {@link #seed(long)}
   * @param operands run-time operands: the addend, factor, or FMA factors (never constants the JIT
   *     could fold)
   * @return the loop's result, floating-point results as their raw bits
   */
  long run(int chains, int n, long seed, Operands operands) {
    return switch (this) {
      case INT_ADD -> intAdd(chains, n, seed);
      case INT_MUL -> intMul(chains, n, seed);
      case FP64_ADD -> Double.doubleToRawLongBits(fpAdd(chains, n, seed, operands.addend));
      case FP64_MUL -> Double.doubleToRawLongBits(fpMul(chains, n, seed, operands.factor));
      case FP64_FMA ->
          Double.doubleToRawLongBits(fpFma(chains, n, seed, operands.fmaA, operands.addend));
    };
  }

  /**
   * Fails unless a run's result matches the closed form.
   *
   * @param chains chains
   * @param n iterations
   * @param seed seed
   * @param result what {@link #run} returned
   * @param operands the operands the run used
   * @throws KernelCheckException on a mismatch
   */
  void check(int chains, int n, long seed, long result, Operands operands) {
    String kernel = label + " x" + chains;
    switch (this) {
      case INT_ADD ->
          KernelCheckException.failIfNot(kernel, RingRecurrence.add(chains, n, seed), result);
      case INT_MUL ->
          KernelCheckException.failIfNot(kernel, RingRecurrence.mul(chains, n, seed), result);
      case FP64_ADD, FP64_FMA -> {
        // Every partial value is a multiple of 2^-21 below 2^12: the sums are exact.
        double step = this == FP64_ADD ? operands.addend : operands.fmaA * operands.addend;
        double perChain = n * step;
        double expected = chains * (seed + perChain) + chains * (chains - 1) / 2.0;
        KernelCheckException.failIfNot(kernel, expected, Double.longBitsToDouble(result), 1e-12);
      }
      case FP64_MUL -> {
        double growth = Math.pow(operands.factor, n);
        double expected = (chains * (double) seed + chains * (chains - 1) / 2.0) * growth;
        // n roundings of relative size 2^-53 each, n < 2^31: at most 2.4e-7.
        KernelCheckException.failIfNot(kernel, expected, Double.longBitsToDouble(result), 1e-6);
      }
    }
  }

  /**
   * A short call of one loop for the JIT warm-up. Each loop gets its own call site, so the JIT
   * compiles each loop once, on its own, rather than a dispatcher with every loop inlined.
   *
   * @param chains one of {@link #CHAINS}
   * @param seed from {@link #seed(long)}
   * @param o the operands
   * @return a call of 32 iterations whose result is sunk
   */
  Runnable warmUpCall(int chains, long seed, Operands o) {
    return switch (this) {
      case INT_ADD ->
          switch (chains) {
            case 1 -> () -> Sink.consume(IntRingLoops.add1(32, seed));
            case 2 -> () -> Sink.consume(IntRingLoops.add2(32, seed));
            case 4 -> () -> Sink.consume(IntRingLoops.add4(32, seed));
            case 8 -> () -> Sink.consume(IntRingLoops.add8(32, seed));
            case 16 -> () -> Sink.consume(IntRingLoops.add16(32, seed));
            default -> throw new IllegalArgumentException(badChains(chains));
          };
      case INT_MUL ->
          switch (chains) {
            case 1 -> () -> Sink.consume(IntRingLoops.mul1(32, seed));
            case 2 -> () -> Sink.consume(IntRingLoops.mul2(32, seed));
            case 4 -> () -> Sink.consume(IntRingLoops.mul4(32, seed));
            case 8 -> () -> Sink.consume(IntRingLoops.mul8(32, seed));
            case 16 -> () -> Sink.consume(IntRingLoops.mul16(32, seed));
            default -> throw new IllegalArgumentException(badChains(chains));
          };
      case FP64_ADD ->
          switch (chains) {
            case 1 -> () -> Sink.consume(FpChainLoops.add1(32, seed, o.addend));
            case 2 -> () -> Sink.consume(FpChainLoops.add2(32, seed, o.addend));
            case 4 -> () -> Sink.consume(FpChainLoops.add4(32, seed, o.addend));
            case 8 -> () -> Sink.consume(FpChainLoops.add8(32, seed, o.addend));
            case 16 -> () -> Sink.consume(FpChainLoops.add16(32, seed, o.addend));
            default -> throw new IllegalArgumentException(badChains(chains));
          };
      case FP64_MUL ->
          switch (chains) {
            case 1 -> () -> Sink.consume(FpChainLoops.mul1(32, seed, o.factor));
            case 2 -> () -> Sink.consume(FpChainLoops.mul2(32, seed, o.factor));
            case 4 -> () -> Sink.consume(FpChainLoops.mul4(32, seed, o.factor));
            case 8 -> () -> Sink.consume(FpChainLoops.mul8(32, seed, o.factor));
            case 16 -> () -> Sink.consume(FpChainLoops.mul16(32, seed, o.factor));
            default -> throw new IllegalArgumentException(badChains(chains));
          };
      case FP64_FMA ->
          switch (chains) {
            case 1 -> () -> Sink.consume(FpChainLoops.fma1(32, seed, o.fmaA, o.addend));
            case 2 -> () -> Sink.consume(FpChainLoops.fma2(32, seed, o.fmaA, o.addend));
            case 4 -> () -> Sink.consume(FpChainLoops.fma4(32, seed, o.fmaA, o.addend));
            case 8 -> () -> Sink.consume(FpChainLoops.fma8(32, seed, o.fmaA, o.addend));
            case 16 -> () -> Sink.consume(FpChainLoops.fma16(32, seed, o.fmaA, o.addend));
            default -> throw new IllegalArgumentException(badChains(chains));
          };
    };
  }

  /** The run-time operands of the floating-point loops. Non-final, so never folded by the JIT. */
  static final class Operands {
    double addend = ADDEND;
    double factor = FACTOR;
    double fmaA = FMA_A;
  }

  private static long intAdd(int chains, int n, long seed) {
    return switch (chains) {
      case 1 -> IntRingLoops.add1(n, seed);
      case 2 -> IntRingLoops.add2(n, seed);
      case 4 -> IntRingLoops.add4(n, seed);
      case 8 -> IntRingLoops.add8(n, seed);
      case 16 -> IntRingLoops.add16(n, seed);
      default -> throw new IllegalArgumentException(badChains(chains));
    };
  }

  private static long intMul(int chains, int n, long seed) {
    return switch (chains) {
      case 1 -> IntRingLoops.mul1(n, seed);
      case 2 -> IntRingLoops.mul2(n, seed);
      case 4 -> IntRingLoops.mul4(n, seed);
      case 8 -> IntRingLoops.mul8(n, seed);
      case 16 -> IntRingLoops.mul16(n, seed);
      default -> throw new IllegalArgumentException(badChains(chains));
    };
  }

  private static double fpAdd(int chains, int n, double seed, double d) {
    return switch (chains) {
      case 1 -> FpChainLoops.add1(n, seed, d);
      case 2 -> FpChainLoops.add2(n, seed, d);
      case 4 -> FpChainLoops.add4(n, seed, d);
      case 8 -> FpChainLoops.add8(n, seed, d);
      case 16 -> FpChainLoops.add16(n, seed, d);
      default -> throw new IllegalArgumentException(badChains(chains));
    };
  }

  private static double fpMul(int chains, int n, double seed, double m) {
    return switch (chains) {
      case 1 -> FpChainLoops.mul1(n, seed, m);
      case 2 -> FpChainLoops.mul2(n, seed, m);
      case 4 -> FpChainLoops.mul4(n, seed, m);
      case 8 -> FpChainLoops.mul8(n, seed, m);
      case 16 -> FpChainLoops.mul16(n, seed, m);
      default -> throw new IllegalArgumentException(badChains(chains));
    };
  }

  private static double fpFma(int chains, int n, double seed, double a, double b) {
    return switch (chains) {
      case 1 -> FpChainLoops.fma1(n, seed, a, b);
      case 2 -> FpChainLoops.fma2(n, seed, a, b);
      case 4 -> FpChainLoops.fma4(n, seed, a, b);
      case 8 -> FpChainLoops.fma8(n, seed, a, b);
      case 16 -> FpChainLoops.fma16(n, seed, a, b);
      default -> throw new IllegalArgumentException(badChains(chains));
    };
  }

  private static String badChains(int chains) {
    return "chains must be 1, 2, 4, 8 or 16, was " + chains;
  }
}

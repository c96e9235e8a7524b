package dev.anatomy.compute;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks over the very kernels the compute part times with its own harness, so {@code
 * bench/compute-vs-jmh.sh} can check that harness against JMH: the clock chain, the peak-FLOPS
 * loops and one ILP point. Not run by the tests; JMH's annotation processor compiles them with the
 * test classes, outside the coverage of the main code.
 *
 * <p>Scores are operations per second: adds for the clock chain (one per cycle, so the score is the
 * clock in Hz), vector FMAs for the peak loops (times lanes x 2 for FLOP/s), FMAs for the ILP
 * point.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 10, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class ComputeJmh {
  private static final int CHAIN_N = 1_000_000;
  private static final int PEAK_N = 100_000;
  private static final int ILP_N = 1_000_000;

  // Inputs in non-final fields, so the JIT cannot fold them (JMHSample_10_ConstantFold).
  int chainIterations = CHAIN_N;
  int peakIterations = PEAK_N;
  int ilpIterations = ILP_N;
  long seed = 0x9E37_79B9L;
  double a = 0.5;
  double b = 0x1p-9;
  double addend = 0x1p-20;

  /**
   * The clock probe's dependent add chain.
   *
   * @return the chain's result
   */
  @Benchmark
  @OperationsPerInvocation(2 * CHAIN_N)
  public long clockChain() {
    return IntRingLoops.add1(chainIterations, seed);
  }

  /**
   * The FP64 peak-FLOPS loop.
   *
   * @return its result
   */
  @Benchmark
  @OperationsPerInvocation(FmaPeakLoops.FMAS_PER_ITERATION * PEAK_N)
  public double peakFp64() {
    return FmaPeakLoops.fp64(peakIterations, 1, a, b);
  }

  /**
   * The FP32 peak-FLOPS loop.
   *
   * @return its result
   */
  @Benchmark
  @OperationsPerInvocation(FmaPeakLoops.FMAS_PER_ITERATION * PEAK_N)
  public double peakFp32() {
    return FmaPeakLoops.fp32(peakIterations, 1f, (float) a, (float) b);
  }

  /**
   * The ILP probe's FP64 FMA with 8 chains.
   *
   * @return its result
   */
  @Benchmark
  @OperationsPerInvocation(8 * ILP_N)
  public double ilpFma8() {
    return FpChainLoops.fma8(ilpIterations, 1, a, addend);
  }
}

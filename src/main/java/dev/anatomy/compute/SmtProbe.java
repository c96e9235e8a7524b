package dev.anatomy.compute;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.util.List;

/**
 * Simultaneous multithreading on one sibling pair: a kernel on one hardware thread alone, then on
 * both siblings at once, for an integer kernel and a floating-point kernel, and a mixed pair
 * (integer on one sibling, floating point on the other). Each rate is a share of the kernel's rate
 * alone, so 2.0 means the siblings did not slow each other at all and 1.0 means the core did no
 * more work with two threads than with one.
 */
final class SmtProbe {
  private static final int INT_CHAINS = 4;

  private final Sampler sampler;
  private final long targetNs;
  private final IlpOp.Operands ilpOperands = new IlpOp.Operands();
  private final PeakFlopsKernel.Operands fmaOperands = new PeakFlopsKernel.Operands();

  /**
   * One pair's result.
   *
   * @param pair the siblings
   * @param intAlone integer adds per second of one thread alone
   * @param fpAlone FLOP/s of one thread alone
   * @param intPairSpeedup both siblings' integer rate over one alone
   * @param fpPairSpeedup both siblings' floating-point rate over one alone
   * @param mixedPairSpeedup integer share plus floating-point share when mixed
   */
  record Result(
      SmtPlan.Pair pair,
      Figure intAlone,
      Figure fpAlone,
      double intPairSpeedup,
      double fpPairSpeedup,
      double mixedPairSpeedup) {}

  SmtProbe(Sampler sampler, long targetNs) {
    this.sampler = sampler;
    this.targetNs = targetNs;
  }

  private enum Kind {
    INT,
    FP
  }

  /**
   * Measures one pair. The pair need not be siblings (tests run it on two cores); it is pinned to
   * exactly the two CPUs given.
   *
   * @param pair the CPUs
   * @return the result
   */
  Result measure(SmtPlan.Pair pair) {
    try (PinnedPool pool = new PinnedPool(new int[] {pair.first(), pair.second()})) {
      pool.run(
          2,
          w -> {
            for (int i = 0; i < 1500; i++) {
              dev.anatomy.harness.Sink.consume(runInt(64, i) ^ runFp(16, 1 + (i & 7)));
            }
            return null;
          });
      int intN =
          pool.run(
                  1,
                  w ->
                      (int)
                          Timing.calibrate(
                              n -> timeOne(Kind.INT, (int) n), 1000, targetNs, 1L << 30))
              .get(0);
      int fpN =
          pool.run(
                  1,
                  w ->
                      (int)
                          Timing.calibrate(
                              n -> timeOne(Kind.FP, (int) n),
                              100,
                              targetNs,
                              PeakFlopsKernel.FP64.maxIterations()))
              .get(0);
      double intOps = (double) IlpOp.INT_ADD.opsPerIteration(INT_CHAINS) * intN;
      double fpOps = PeakFlopsKernel.FP64.flopsPerIteration() * fpN;
      Samples intAlone = rates(pool, new Kind[] {Kind.INT}, intN, fpN, intOps, fpOps, 0);
      Samples fpAlone = rates(pool, new Kind[] {Kind.FP}, intN, fpN, intOps, fpOps, 0);
      Samples intPair = rates(pool, new Kind[] {Kind.INT, Kind.INT}, intN, fpN, intOps, fpOps, -1);
      Samples fpPair = rates(pool, new Kind[] {Kind.FP, Kind.FP}, intN, fpN, intOps, fpOps, -1);
      Samples mixedInt = rates(pool, new Kind[] {Kind.INT, Kind.FP}, intN, fpN, intOps, fpOps, 0);
      Samples mixedFp = rates(pool, new Kind[] {Kind.INT, Kind.FP}, intN, fpN, intOps, fpOps, 1);
      String method =
          "one hardware thread alone; int64-add ring of "
              + INT_CHAINS
              + " chains and "
              + PeakFlopsKernel.FP64.method()
              + "; best of the samples";
      return new Result(
          pair,
          Figure.of(intAlone, Statistic.MAX, "op/s", method),
          Figure.of(fpAlone, Statistic.MAX, "FLOP/s", method),
          intPair.max() / intAlone.max(),
          fpPair.max() / fpAlone.max(),
          mixedInt.max() / intAlone.max() + mixedFp.max() / fpAlone.max());
    }
  }

  /**
   * Samples the rate of one configuration.
   *
   * @param kinds what each worker runs
   * @param worker whose rate to report, or -1 for the sum of all
   */
  private Samples rates(
      PinnedPool pool, Kind[] kinds, int intN, int fpN, double intOps, double fpOps, int worker) {
    return sampler.sample(
        () -> {
          long[] results = new long[kinds.length];
          List<Timing.Span> spans =
              Timing.together(
                  pool,
                  kinds.length,
                  w -> {
                    results[w] = kinds[w] == Kind.INT ? runInt(intN, w + 1) : runFp(fpN, w + 1);
                    return results[w];
                  });
          double sum = 0;
          for (int w = 0; w < kinds.length; w++) {
            check(kinds[w], kinds[w] == Kind.INT ? intN : fpN, w + 1, results[w]);
            double rate = (kinds[w] == Kind.INT ? intOps : fpOps) / spans.get(w).ns() * 1e9;
            if (worker < 0 || worker == w) {
              sum += rate;
            }
          }
          return sum;
        });
  }

  private long timeOne(Kind kind, int n) {
    long start = System.nanoTime();
    long r = kind == Kind.INT ? runInt(n, 1) : runFp(n, 1);
    long ns = System.nanoTime() - start;
    check(kind, n, 1, r);
    dev.anatomy.harness.Sink.consume(r);
    return ns;
  }

  private long runInt(int n, long seed) {
    return IlpOp.INT_ADD.run(INT_CHAINS, n, seed, ilpOperands);
  }

  private long runFp(int n, int seed) {
    return Double.doubleToRawLongBits(PeakFlopsKernel.FP64.run(n, seed, fmaOperands));
  }

  private void check(Kind kind, int n, int seed, long result) {
    if (kind == Kind.INT) {
      IlpOp.INT_ADD.check(INT_CHAINS, n, seed, result, ilpOperands);
    } else {
      PeakFlopsKernel.FP64.check(n, seed, Double.longBitsToDouble(result), fmaOperands);
    }
  }
}

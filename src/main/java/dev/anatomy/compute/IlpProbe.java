package dev.anatomy.compute;

import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;

/**
 * Instruction-level parallelism: each operation of {@link IlpOp} as 1, 2, 4, 8 and 16 chains, in
 * operations per cycle of the measured clock. One chain shows the operation's latency (cycles per
 * op = 1 / ops per cycle); more chains show how much independent work the out-of-order core
 * overlaps, until the execution ports are full. Past the registers the architecture has (16
 * general-purpose and 16 vector registers on x86-64 without AVX-512) the JIT spills chains to the
 * stack, and the rate falls: that is what a Java loop with that many accumulators gets.
 */
final class IlpProbe {
  private final PinnedPool pool;
  private final Sampler sampler;
  private final long targetNs;
  private final IlpOp.Operands operands = new IlpOp.Operands();
  private long tag = 1;

  /**
   * One measured point.
   *
   * @param op the operation
   * @param chains independent chains (for integer rings: the ring's parallelism)
   * @param opsPerCycle operations per cycle of the measured clock
   */
  record Point(IlpOp op, int chains, Figure opsPerCycle) {}

  IlpProbe(PinnedPool pool, Sampler sampler, long targetNs) {
    this.pool = pool;
    this.sampler = sampler;
    this.targetNs = targetNs;
  }

  /**
   * Adds a short call of every loop to a warm-up.
   *
   * @param warmUp the warm-up
   */
  void addWarmUp(JitWarmUp warmUp) {
    for (IlpOp op : IlpOp.values()) {
      for (int chains : IlpOp.CHAINS) {
        long seed = op.seed(chains);
        warmUp.add(op.warmUpCall(chains, seed, operands), 700);
      }
    }
  }

  /** Compiles every loop before anything is timed; for callers outside the part. */
  void warmUpJit() {
    JitWarmUp warmUp = new JitWarmUp();
    addWarmUp(warmUp);
    pool.run(1, w -> warmUp.run(10_000_000_000L).calls());
  }

  /**
   * Measures one point.
   *
   * @param op the operation
   * @param chains one of {@link IlpOp#CHAINS}
   * @param clockHz the measured clock, to turn operations per second into per cycle
   * @return the point
   */
  Point measure(IlpOp op, int chains, double clockHz) {
    Samples samples =
        pool.run(
                1,
                w -> {
                  int n =
                      (int)
                          Timing.calibrate(
                              k -> time(op, chains, (int) k), 2_000, targetNs, 1L << 30);
                  double ops = (double) op.opsPerIteration(chains) * n;
                  return sampler.sample(() -> ops / time(op, chains, n) * 1e9 / clockHz);
                })
            .get(0);
    String method =
        op.description()
            + " with c = "
            + chains
            + "; operations per second over the measured clock; best of the samples; result"
            + " checked against its closed form";
    return new Point(op, chains, Figure.of(samples, Statistic.MAX, "op/cycle", method));
  }

  private long time(IlpOp op, int chains, int n) {
    long seed = op.seed(tag++);
    long start = System.nanoTime();
    long r = op.run(chains, n, seed, operands);
    long ns = System.nanoTime() - start;
    op.check(chains, n, seed, r, operands);
    Sink.consume(r);
    return Math.max(1, ns);
  }
}

package dev.anatomy.compute;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Sink;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Multicore scaling: a fixed amount of work split evenly over 1..N pinned threads, for a
 * compute-bound kernel (the FP64 peak-FLOPS loop: nothing shared) and a memory-bound one (a read of
 * a region several times the last-level cache: the memory bus shared). Amdahl's serial fraction
 * and, with enough thread counts, the Universal Scalability Law are fitted to each curve.
 */
final class ScalingProbe {
  /** The cores multiples the fitted laws predict for. */
  static final int[] PREDICT_FACTORS = {2, 4, 16};

  private final PinnedPool pool;
  private final ComputePlan plan;
  private final PeakFlopsKernel.Operands operands = new PeakFlopsKernel.Operands();

  /**
   * One thread count.
   *
   * @param threads N
   * @param throughput work per second at N, best of the samples
   * @param speedup throughput at N over throughput at 1
   */
  record Point(int threads, Figure throughput, double speedup) {}

  /**
   * A predicted speedup.
   *
   * @param factor multiple of the measured cores
   * @param threads factor x the largest measured count
   * @param amdahl Amdahl's speedup with the fitted serial fraction
   * @param usl the USL's speedup, when it was fitted
   */
  record Prediction(int factor, int threads, double amdahl, Optional<Double> usl) {}

  /**
   * One scaling curve with its fits.
   *
   * @param kernel "compute-bound" or "memory-bound"
   * @param description what the kernel does
   * @param points one per thread count
   * @param amdahl the serial fraction, when a count above 1 was measured
   * @param usl the USL, when enough counts were measured
   * @param uslUnavailable why the USL is missing, if it is
   * @param predictions speedups predicted at 2x, 4x and 16x the cores
   */
  record Curve(
      String kernel,
      String description,
      List<Point> points,
      Optional<AmdahlLaw.Fit> amdahl,
      Optional<UslFit.Model> usl,
      Optional<String> uslUnavailable,
      List<Prediction> predictions) {}

  ScalingProbe(PinnedPool pool, ComputePlan plan) {
    this.pool = pool;
    this.plan = plan;
  }

  /**
   * Adds a short read of a small region to a warm-up (the loop is the same for any region).
   *
   * @param warmUp the warm-up
   * @param small a region of at least 64 KiB, filled by {@link MemoryReadLoop#fill}
   */
  static void addWarmUp(JitWarmUp warmUp, java.lang.foreign.MemorySegment small) {
    warmUp.add(() -> Sink.consume(MemoryReadLoop.read(small, 0, 1024)), 2000);
  }

  /**
   * The compute-bound curve.
   *
   * @return the curve
   */
  Curve computeBound() {
    PeakFlopsKernel k = PeakFlopsKernel.FP64;
    long single = 3 * plan.sampleTargetNs();
    int total =
        pool.run(
                1,
                w ->
                    (int)
                        Timing.calibrate(
                            n -> {
                              long start = System.nanoTime();
                              Sink.consume(k.run((int) n, 1, operands));
                              return System.nanoTime() - start;
                            },
                            1000,
                            single,
                            k.maxIterations()))
            .get(0);
    double work = k.flopsPerIteration() * total;
    Map<Integer, Samples> seconds =
        JobSampler.sample(
            plan.threadCounts(),
            plan.kernelPlan().samples(),
            threads -> {
              int share = total / threads;
              return Timing.wall(
                  Timing.together(
                      pool,
                      threads,
                      w -> {
                        double r = k.run(share, 1 + w, operands);
                        k.check(share, 1 + w, r, operands);
                        return Double.doubleToRawLongBits(r);
                      }));
            });
    return curve(
        "compute-bound",
        k.method()
            + "; "
            + total
            + " iterations split evenly over the threads; FLOP/s from the first start to the last"
            + " end",
        "FLOP/s",
        work,
        seconds);
  }

  /**
   * The memory-bound curve.
   *
   * @return the curve
   */
  Curve memoryBound() {
    long granule = Math.max(OffHeap.PAGE_BYTES, MemoryReadLoop.granuleBytes());
    int maxThreads = plan.maxThreads();
    long bytes = plan.memoryBoundBytes() / (granule * maxThreads) * (granule * maxThreads);
    try (OffHeap region = OffHeap.map(bytes, PageSize.HUGE)) {
      // Each worker of the widest run fills (first-touches) its own slice.
      pool.run(
          maxThreads,
          w -> {
            long slice = bytes / maxThreads;
            MemoryReadLoop.fill(region.segment(), w * slice, (w + 1) * slice);
            return null;
          });
      Map<Integer, Samples> seconds =
          JobSampler.sample(
              plan.threadCounts(),
              plan.kernelPlan().samples(),
              threads -> {
                long slice = bytes / threads / granule * granule;
                long[] sums = new long[threads];
                long ns =
                    Timing.wall(
                        Timing.together(
                            pool,
                            threads,
                            w -> {
                              sums[w] =
                                  MemoryReadLoop.read(region.segment(), w * slice, (w + 1) * slice);
                              return sums[w];
                            }));
                for (int w = 0; w < threads; w++) {
                  KernelCheckException.failIfNot(
                      "memory-bound read",
                      MemoryReadLoop.expected(w * slice, (w + 1) * slice),
                      sums[w]);
                }
                return ns;
              });
      return curve(
          "memory-bound",
          "read (8 independent 64-bit sums per 64-byte line) of a "
              + (bytes >> 20)
              + " MiB region (2x to 4x the last-level cache the system reports, or more), split evenly over the"
              + " threads, each reading its own slice once; bytes per second from the first start"
              + " to the last end",
          "B/s",
          bytes,
          seconds);
    }
  }

  private Curve curve(
      String kernel, String description, String unit, double work, Map<Integer, Samples> seconds) {
    List<Point> points = new ArrayList<>();
    double x1 = 0;
    int n = seconds.size();
    int[] threads = new int[n];
    double[] throughput = new double[n];
    int i = 0;
    for (Map.Entry<Integer, Samples> e : seconds.entrySet()) {
      double[] s = e.getValue().values();
      double[] rates = new double[s.length];
      for (int j = 0; j < s.length; j++) {
        rates[j] = work / s[j];
      }
      Samples r = new Samples(rates, e.getValue().warmupsDiscarded());
      Figure f =
          Figure.of(r, Statistic.MAX, unit, description + "; best of the samples")
              .withVariant(e.getKey() + (e.getKey() == 1 ? " thread" : " threads"));
      if (e.getKey() == 1) {
        x1 = f.value();
      }
      threads[i] = e.getKey();
      throughput[i] = f.value();
      points.add(new Point(e.getKey(), f, 0));
      i++;
    }
    List<Point> withSpeedup = new ArrayList<>();
    double[] speedups = new double[n];
    for (int j = 0; j < n; j++) {
      speedups[j] = throughput[j] / x1;
      Point p = points.get(j);
      withSpeedup.add(new Point(p.threads(), p.throughput(), speedups[j]));
    }
    Optional<AmdahlLaw.Fit> amdahl =
        n > 1 ? Optional.of(AmdahlLaw.fit(threads, speedups)) : Optional.empty();
    Optional<UslFit.Model> usl = Optional.empty();
    Optional<String> uslWhy = Optional.empty();
    if (n >= UslFit.MIN_POINTS) {
      usl = Optional.of(UslFit.fit(threads, throughput));
    } else {
      uslWhy =
          Optional.of(
              "the USL has 3 parameters and needs at least "
                  + UslFit.MIN_POINTS
                  + " thread counts; this machine gives "
                  + n
                  + " ("
                  + plan.maxThreads()
                  + " CPUs usable)");
    }
    return new Curve(
        kernel, description, withSpeedup, amdahl, usl, uslWhy, predictions(amdahl, usl));
  }

  private List<Prediction> predictions(Optional<AmdahlLaw.Fit> amdahl, Optional<UslFit.Model> usl) {
    List<Prediction> out = new ArrayList<>();
    if (amdahl.isEmpty()) {
      return out;
    }
    for (int factor : PREDICT_FACTORS) {
      int threads = factor * plan.maxThreads();
      out.add(
          new Prediction(
              factor,
              threads,
              AmdahlLaw.speedup(amdahl.get().serialFraction(), threads),
              usl.map(m -> m.speedup(threads))));
    }
    return out;
  }
}

package dev.anatomy.model;

import dev.anatomy.model.MachineModel.ComputeCeiling;
import dev.anatomy.model.MachineModel.Tier;
import dev.anatomy.model.Prediction.Bound;
import dev.anatomy.model.Prediction.Ceiling;
import dev.anatomy.model.Prediction.Transfer;
import dev.anatomy.run.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Predicts how long a kernel takes on a modelled machine, and what limits it.
 *
 * <p>The model, in four steps:
 *
 * <ol>
 *   <li><b>Where the data lives.</b> The working set sits in the first tier it fits: a private
 *       cache (L1, L2) holds each thread's share, a shared one the whole set.
 *   <li><b>Data time.</b> Sequential and strided access are bandwidth-bound: bytes over the
 *       bandwidth measured at this very working set, for the traffic that matches the kernel
 *       (read-only, write-only, or mixed like copy or triad) and the thread count. A stride moves
 *       whole 64-byte lines for each element. Random independent loads cost a line each and overlap
 *       up to the measured memory-level parallelism, or are bandwidth-bound if that is slower;
 *       dependent loads cost the full random-chase latency each.
 *   <li><b>Compute time.</b> Flops over the ceiling for the kind of code: scalar or SIMD, with or
 *       without FMA, one core or all, all measured.
 *   <li><b>Overlap.</b> Compute and data transfer overlap, as in the roofline: the parallel part
 *       takes the longer of the two. From memory, the in-core work beyond moving the kernel's bytes
 *       through L1 is added to the transfer time instead (ECM's non-overlapping part: see {@code
 *       beyondL1}). The bandwidth of each working set is measured end to end, so the transfers
 *       between tiers that an ECM model adds up (they do not overlap with each other on most cores)
 *       are already inside it; the ECM-style sum over tiers is reported beside the prediction. A
 *       serial fraction runs on one thread first (Amdahl).
 * </ol>
 */
public final class Predictor {
  private static final double LINE = 64;

  private Predictor() {}

  /**
   * Predicts a kernel.
   *
   * @param m the machine
   * @param k the kernel
   * @return the prediction
   * @throws UsageException naming the figures the run lacks for this kernel
   */
  public static Prediction predict(MachineModel m, KernelSpec k) {
    checkInputs(m, k);
    List<String> assumptions = new ArrayList<>();
    int threads = k.threads();
    if (threads > m.cores()) {
      assumptions.add(
          "the run measured "
              + m.cores()
              + " CPUs; "
              + threads
              + " threads are taken as "
              + m.cores()
              + ", since extra threads share the same cores");
      threads = m.cores();
    }
    Parts parallel = parts(m, k, threads, assumptions);
    Parts single = threads == 1 ? parallel : parts(m, k, 1, new ArrayList<>());
    double s = k.serialFraction();
    double parallelTime = parallel.time();
    double singleTime = single.time();
    double serialSeconds = s * singleTime;
    double predicted = serialSeconds + (1 - s) * parallelTime;
    if (s > 0) {
      assumptions.add(
          "Amdahl: a fraction "
              + s
              + " of the single-thread time runs on one thread, the rest on "
              + threads);
    }
    Bound bound;
    if (serialSeconds > (1 - s) * parallelTime) {
      bound = new Bound("serial", "core");
    } else if (parallel.compute() >= parallel.data() + parallel.stall()) {
      bound = new Bound("compute", "core");
    } else {
      bound = new Bound(parallel.dataKind(), parallel.tier().name());
    }
    double ecm = serialSeconds + (1 - s) * Math.max(parallel.compute(), sum(parallel.transfers()));
    List<Ceiling> ceilings = ceilings(m, k, threads, predicted);
    return new Prediction(
        k,
        predicted,
        k.totalFlops() / predicted,
        k.totalBytes() / predicted,
        bound,
        parallel.compute(),
        parallel.data() + parallel.stall(),
        serialSeconds,
        ecm,
        parallel.transfers(),
        ceilings,
        assumptions);
  }

  /**
   * The parallel part's times at a thread count: compute and data transfer overlap; a stall (loads
   * behind a mispredicted branch, waiting their full latency) overlaps with neither.
   */
  private record Parts(
      double compute,
      double data,
      double stall,
      String dataKind,
      Tier tier,
      List<Transfer> transfers) {
    double time() {
      return Math.max(compute, data) + stall;
    }
  }

  private static Parts parts(MachineModel m, KernelSpec k, int threads, List<String> notes) {
    Tier tier = m.tierOf(k.workingSetBytes(), threads);
    double compute = computeSeconds(m, k, threads, notes);
    double data = 0;
    double stall = 0;
    String kind = "bandwidth";
    List<Transfer> transfers = List.of();
    double bytesPerIteration = k.bytesReadPerIteration() + k.bytesWrittenPerIteration();
    if (bytesPerIteration > 0) {
      switch (k.access().pattern()) {
        case SEQUENTIAL, STRIDED -> {
          double multiplier = lineMultiplier(k.access());
          if (multiplier > 1) {
            notes.add(
                "stride "
                    + k.access().strideBytes()
                    + " B: each 8-byte element brings a line, so "
                    + multiplier
                    + "x the bytes cross the memory system");
          }
          String traffic = traffic(k);
          var curve = bandwidthCurve(m, traffic, threads);
          double bw = bandwidth(m, traffic, threads, tier, k.workingSetBytes());
          data = k.iterations() * bytesPerIteration * multiplier / bw;
          data += beyondL1(m, k, traffic, threads, tier, compute, bytesPerIteration, notes);
          transfers = transfers(m, k, curve.getValue(), bytesPerIteration * multiplier, tier);
          notes.add(
              String.format(
                  Locale.ROOT,
                  "%s traffic: %.3g GB/s measured at this working set with %d thread%s (%s kernel)",
                  traffic.equals("read")
                      ? "read-only"
                      : traffic.equals("write") ? "write-only" : "mixed read/write",
                  bw / 1e9,
                  curve.getKey(),
                  curve.getKey() == 1 ? "" : "s",
                  traffic));
        }
        case RANDOM -> {
          double lines = Math.max(1, Math.ceil(bytesPerIteration / LINE));
          double latency = latency(m, chased(k, tier, threads));
          double f = k.access().serialisedFraction();
          double overlapped =
              k.iterations()
                  * lines
                  * latency
                  * 1e-9
                  * (1 - f)
                  / m.memoryLevelParallelism()
                  / threads;
          stall = k.iterations() * lines * latency * 1e-9 * f / threads;
          if (f > 0) {
            notes.add(
                String.format(
                    Locale.ROOT,
                    "%.0f%% of the loads wait their full latency, overlapping with nothing (a"
                        + " branch on the loaded value mispredicts and discards the work behind it)",
                    f * 100));
          }
          double lineBound =
              k.iterations()
                  * lines
                  * LINE
                  / bandwidth(m, "read", threads, tier, k.workingSetBytes());
          data = Math.max(overlapped, lineBound);
          kind = overlapped + stall >= lineBound ? "latency" : "bandwidth";
          notes.add(
              String.format(
                  Locale.ROOT,
                  "random loads: %.0f line(s) each, %.3g ns random-chase latency at this working"
                      + " set, overlapped %.2gx (measured memory-level parallelism)",
                  lines,
                  latency,
                  m.memoryLevelParallelism()));
        }
        case DEPENDENT -> {
          double lines = Math.max(1, Math.ceil(bytesPerIteration / LINE));
          double latency = latency(m, chased(k, tier, threads));
          data = k.iterations() * lines * latency * 1e-9 / threads;
          kind = "latency";
          notes.add(
              String.format(
                  Locale.ROOT,
                  "dependent loads: each waits the full %.3g ns random-chase latency at this"
                      + " working set; threads walk independent chains",
                  latency));
        }
      }
    }
    return new Parts(compute, data, stall, kind, tier, transfers);
  }

  /**
   * The in-core time that does not overlap with the transfers from memory. The bandwidth a stream
   * kernel measured in memory already holds the time its own loads and stores take in L1; a kernel
   * whose in-core time is longer than moving its bytes through L1 at that kernel's L1 bandwidth
   * does the extra work between the transfers, not under them (ECM's non-overlapping part). Zero
   * for a set in a cache: there the transfers overlap with the core's work (on this Zen 3 machine
   * the naive matrix multiply and the stencil ran at their in-core time in L2 and L3, and 20-40%
   * past the larger of in-core and transfer time in memory).
   */
  private static double beyondL1(
      MachineModel m,
      KernelSpec k,
      String traffic,
      int threads,
      Tier tier,
      double compute,
      double bytesPerIteration,
      List<String> notes) {
    Tier first = m.tiers().get(0);
    if (tier.capacityBytes() > 0 || first.capacityBytes() <= 0 || compute <= 0) {
      return 0;
    }
    double l1 =
        k.iterations()
            * bytesPerIteration
            / bandwidth(m, traffic, threads, first, first.capacityBytes() / 2 * threads);
    double extra = Math.max(0, compute - l1);
    if (extra > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "in-core work beyond moving the bytes through L1 (%.0f%% of the in-core time)"
                  + " does not overlap with the transfers from %s (ECM's non-overlapping part)",
              extra / compute * 100,
              tier.name()));
    }
    return extra;
  }

  private static double computeSeconds(
      MachineModel m, KernelSpec k, int threads, List<String> notes) {
    double cores = coreScaling(m, threads);
    double core = k.iterations() * k.coreNsPerIteration() * 1e-9 / cores;
    if (core > 0) {
      notes.add(
          String.format(
              Locale.ROOT,
              "in-core: %.3g ns per iteration on one thread with the data in L1 (ECM's T_core)%s",
              k.coreNsPerIteration(),
              cores < threads - 0.005
                  ? String.format(
                      Locale.ROOT,
                      ", over %d threads %.2fx as fast: the cores' measured all-core peak is %.2fx"
                          + " one core's",
                      threads,
                      cores,
                      cores)
                  : ""));
    }
    if (k.flopsPerIteration() == 0) {
      return core;
    }
    boolean all = threads == m.cores() && threads > 1;
    ComputeCeiling c =
        m.ceiling(k.precision(), k.vectorised(), k.fma(), all)
            .orElseThrow(() -> missing("compute ceilings (compute.peakFlops, compute.ilp)"));
    double flopsPerSecond = all ? c.flopsPerSecond() : c.flopsPerSecond() * threads;
    notes.add(
        String.format(
            Locale.ROOT,
            "compute: %s at %.3g GFLOP/s%s",
            c.name(),
            c.flopsPerSecond() / 1e9,
            all || threads == 1 ? "" : ", times " + threads + " threads"));
    return Math.max(core, k.totalFlops() / flopsPerSecond);
  }

  /**
   * How many times one thread's in-core speed {@code threads} threads reach together: the threads
   * themselves, unless the cores were measured not to scale so far. Two measures of it, both from
   * the run: the FP64 SIMD FMA peak of all cores over one core's (the compute part's figure), and
   * the read bandwidth of {@code threads} threads over one thread's at the same share of a private
   * cache (the memory part's, median over the sizes there). Where two virtual CPUs share one
   * physical core they are near 1, and in-core time does not shrink with threads; a host that takes
   * a virtual CPU away for a moment lowers only the measure taken then, so the higher one counts.
   * Below every core, the all-core shortfall is shared in proportion.
   *
   * @param m the machine
   * @param threads threads, at most the cores
   * @return between 1 and threads
   */
  static double coreScaling(MachineModel m, int threads) {
    if (threads <= 1) {
      return 1;
    }
    var one = m.ceiling(KernelSpec.Precision.FP64, true, true, false);
    var all = m.ceiling(KernelSpec.Precision.FP64, true, true, true);
    if (one.isEmpty() || all.isEmpty() || one.get().flopsPerSecond() <= 0) {
      return threads;
    }
    double allCores = all.get().flopsPerSecond() / one.get().flopsPerSecond();
    double fromCaches = cacheScaling(m, m.cores());
    double perCore = Math.min(1, Math.max(allCores, fromCaches) / m.cores());
    return Math.max(1, Math.min(threads, threads * perCore));
  }

  /**
   * The all-thread read bandwidth over one thread's at the same per-thread share, median over the
   * sizes whose share lies past L1 and within half the largest private cache (in L1 a sample is
   * short enough that the threads' start together weighs in); 0 without both curves or such sizes.
   */
  static double cacheScaling(MachineModel m, int threads) {
    var all = m.bandwidthCurve("read", threads);
    var one = m.bandwidthCurve("read", 1);
    List<Tier> privateTiers =
        m.tiers().stream().filter(t -> t.privatePerCore() && t.capacityBytes() > 0).toList();
    if (all.isEmpty()
        || one.isEmpty()
        || all.get().getKey() != threads
        || threads < 2
        || privateTiers.size() < 2) {
      return 0;
    }
    long from = privateTiers.get(0).capacityBytes();
    long to = privateTiers.get(privateTiers.size() - 1).capacityBytes() / 2;
    List<Double> ratios = new ArrayList<>();
    for (Curve.Point p : all.get().getValue().points()) {
      long share = p.sizeBytes() / threads;
      if (share > from && share <= to) {
        double single = one.get().getValue().at(share);
        if (single > 0) {
          ratios.add(p.value() / single);
        }
      }
    }
    if (ratios.isEmpty()) {
      return 0;
    }
    ratios.sort(null);
    int n = ratios.size();
    return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
  }

  private static double lineMultiplier(Access a) {
    if (a.pattern() != Access.Pattern.STRIDED) {
      return 1;
    }
    return Math.max(1, Math.min(a.strideBytes(), LINE) / 8.0);
  }

  /** The measured kernel whose traffic matches: read-only, write-only, or the mixed ones. */
  static String traffic(KernelSpec k) {
    double r = k.bytesReadPerIteration();
    double w = k.bytesWrittenPerIteration();
    if (w == 0) {
      return "read";
    }
    if (r == 0) {
      return "write";
    }
    return r >= 1.5 * w ? "triad" : "copy";
  }

  private static Map.Entry<Integer, Curve> bandwidthCurve(
      MachineModel m, String kind, int threads) {
    return m.bandwidthCurve(kind, threads)
        .orElseThrow(
            () -> missing("the memory bandwidth curve (memory.bandwidthCurve, " + kind + ")"));
  }

  /**
   * Bandwidth at a working set: interpolated on the curve in the caches (in a private cache, each
   * thread's share at one thread's bandwidth, times the threads, if that is more); in memory, where
   * the curve is flat, the median of its points within two octaves of the set (and past the
   * caches), so one disturbed point cannot decide.
   */
  private static double bandwidth(
      MachineModel m, String traffic, int threads, Tier tier, long workingSet) {
    Curve curve = bandwidthCurve(m, traffic, threads).getValue();
    if (tier.capacityBytes() > 0) {
      double bw = near(curve, workingSet);
      if (threads > 1 && tier.privatePerCore()) {
        // each core streams its share from its own cache: one thread's bandwidth at the share,
        // times the threads (the all-thread curve at such small sets mostly measures how fast
        // threads start together)
        Curve one = bandwidthCurve(m, traffic, 1).getValue();
        bw = Math.max(bw, threads * near(one, workingSet / threads));
      }
      return bw;
    }
    long caches = m.tiers().stream().mapToLong(Tier::capacityBytes).max().orElse(0);
    return curve
        .medianBetween(Math.max(2 * caches, workingSet / 4), workingSet * 4)
        .orElse(curve.at(workingSet));
  }

  /**
   * The working set one thread's loads range over, as the latency curve was measured: its own share
   * in a private cache, the whole set in a shared tier (the threads' shares compete for it).
   */
  private static long chased(KernelSpec k, Tier tier, int threads) {
    return tier.privatePerCore() ? k.workingSetBytes() / threads : k.workingSetBytes();
  }

  /**
   * A cache's bandwidth near a working set: the median of the curve's points within an octave
   * either side (bandwidth is flat across a tier, so one disturbed point cannot decide), or the
   * interpolated value where the curve has no point that near.
   */
  private static double near(Curve curve, long workingSet) {
    return curve.medianBetween(workingSet / 2, workingSet * 2).orElse(curve.at(workingSet));
  }

  private static double latency(MachineModel m, long workingSet) {
    if (m.latencyRandom().isEmpty()) {
      throw missing("the memory latency curve (memory.latencyCurve, random variant)");
    }
    return m.latencyRandom().at(workingSet);
  }

  /**
   * ECM-style transfers: from the data's tier inwards, each step costs the bytes over the bandwidth
   * measured in that tier minus what the nearer tier already accounts for.
   */
  private static List<Transfer> transfers(
      MachineModel m, KernelSpec k, Curve curve, double bytesPerIteration, Tier dataTier) {
    List<Transfer> out = new ArrayList<>();
    double previous = 0;
    String to = "core";
    for (Tier t : m.tiers()) {
      long at = t.capacityBytes() > 0 ? t.capacityBytes() / 2 : k.workingSetBytes();
      if (t.equals(dataTier)) {
        at = k.workingSetBytes();
      }
      double cumulative = k.iterations() * bytesPerIteration / curve.at(at);
      out.add(new Transfer(t.name(), to, Math.max(0, cumulative - previous)));
      previous = Math.max(previous, cumulative);
      to = t.name();
      if (t.equals(dataTier)) {
        break;
      }
    }
    return out;
  }

  private static double sum(List<Transfer> transfers) {
    return transfers.stream().mapToDouble(Transfer::seconds).sum();
  }

  private static List<Ceiling> ceilings(
      MachineModel m, KernelSpec k, int threads, double predicted) {
    List<Ceiling> out = new ArrayList<>();
    boolean all = threads == m.cores() && threads > 1;
    if (k.totalFlops() > 0) {
      for (ComputeCeiling c : m.compute()) {
        if (c.precision() == k.precision() && c.allCores() == all) {
          double flops = all ? c.flopsPerSecond() : c.flopsPerSecond() * threads;
          double t = k.totalFlops() / flops;
          out.add(new Ceiling(c.name(), "compute", flops, t, t / predicted));
        }
      }
    }
    if (k.totalBytes() > 0) {
      String traffic = traffic(k);
      m.bandwidthCurve(traffic, threads)
          .ifPresent(
              e -> {
                for (Tier t : m.tiers()) {
                  long at = t.capacityBytes() > 0 ? t.capacityBytes() / 2 : lastSize(e.getValue());
                  double bw = e.getValue().at(at);
                  double secs = k.totalBytes() / bw;
                  out.add(
                      new Ceiling(
                          t.name() + " " + traffic, "bandwidth", bw, secs, secs / predicted));
                }
              });
    }
    return out;
  }

  private static long lastSize(Curve c) {
    return c.points().get(c.points().size() - 1).sizeBytes();
  }

  private static void checkInputs(MachineModel m, KernelSpec k) {
    if (k.totalBytes() > 0 && m.tiers().isEmpty()) {
      throw missing("the memory tiers (memory.levels)");
    }
  }

  private static UsageException missing(String what) {
    return new UsageException(
        "the run has no "
            + what
            + ", which this prediction needs; measure with --only compute,memory (or a whole card)");
  }
}

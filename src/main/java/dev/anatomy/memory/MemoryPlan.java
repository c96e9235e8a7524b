package dev.anatomy.memory;

import dev.anatomy.inventory.CacheInfo;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What the memory part will measure, decided before anything runs: sizes, thread counts, sample
 * lengths, all from the effort, the options and the memory limit.
 *
 * @param minBytes smallest working set (4 KiB)
 * @param maxBytes largest working set of the bandwidth curve, and of the latency curve but on a
 *     quick card
 * @param coarsePerOctave latency points per octave on the first sweep
 * @param refinePerOctave latency points per octave near each knee
 * @param sampleTargetNs length of one sample
 * @param threadCounts thread counts for the bandwidth curve, 1 first, all CPUs last
 * @param bandwidthSizes working sets of the bandwidth curve
 * @param reportedLlcBytes the last-level cache the machine reports, 0 if none
 * @param effort the effort
 * @param reportedPrivateCacheBytes sizes the machine reports for its data caches below the last
 *     level (L1d, L2 where an L3 follows): the latency sweep looks closely around them too, so a
 *     knee a busy moment moved can still be found where the hardware has it; nothing is sized from
 *     them
 * @param latencyMaxBytes largest working set of the latency curve: {@code maxBytes}, but on a quick
 *     card still at least 1 GiB and 4x the reported last-level cache (within the memory limit),
 *     while its bandwidth curve stops at 4x the last-level cache
 */
public record MemoryPlan(
    long minBytes,
    long maxBytes,
    int coarsePerOctave,
    int refinePerOctave,
    long sampleTargetNs,
    List<Integer> threadCounts,
    List<Long> bandwidthSizes,
    long reportedLlcBytes,
    Effort effort,
    List<Long> reportedPrivateCacheBytes,
    long latencyMaxBytes) {
  /** The smallest working set: one 4 KiB page. */
  public static final long MIN_BYTES = 4096;

  /** Where a quick card's sweep stops (4x a 32 MiB LLC), unless the reported LLC asks for more. */
  static final long QUICK_MAX_BYTES = 128L << 20;

  /** The curve goes at least this far. */
  public static final long AT_LEAST_BYTES = 1L << 30;

  /**
   * Above this size the bandwidth curve takes only the largest size and the DRAM figure's size:
   * every point there costs full passes over hundreds of MiB, and memory bandwidth no longer
   * changes with the working set.
   */
  static final long DENSE_BANDWIDTH_LIMIT = 64L << 20;

  /**
   * Copies the lists.
   *
   * @param minBytes min
   * @param maxBytes max
   * @param coarsePerOctave coarse density
   * @param refinePerOctave refine density
   * @param sampleTargetNs sample length
   * @param threadCounts thread counts
   * @param bandwidthSizes bandwidth sizes
   * @param reportedLlcBytes reported LLC
   * @param effort effort
   * @param reportedPrivateCacheBytes reported caches below the last level
   * @param latencyMaxBytes largest latency working set, at least {@code maxBytes}
   */
  public MemoryPlan {
    threadCounts = List.copyOf(threadCounts);
    bandwidthSizes = List.copyOf(bandwidthSizes);
    reportedPrivateCacheBytes = List.copyOf(reportedPrivateCacheBytes);
    if (latencyMaxBytes < maxBytes) {
      throw new IllegalArgumentException(
          "the latency curve cannot stop before the bandwidth curve");
    }
  }

  /**
   * The plan for a run.
   *
   * @param ctx the context
   * @return the plan
   */
  public static MemoryPlan of(MeasureContext ctx) {
    long llc = ctx.machine().lastLevelCache().map(CacheInfo::sizeBytes).orElse(0L);
    long budget = ctx.memoryLimit().budgetBytes();
    List<Integer> threads = threadCounts(ctx.cpus().size());
    Effort effort = ctx.effort();
    long asked = ctx.options().maxWorkingSetBytes();
    long wanted = defaultMax(asked, llc);
    boolean quickDefault = effort == Effort.QUICK && asked == 0;
    if (quickDefault) {
      // a quick card's bandwidth stops at 4x the reported LLC (at least 128 MiB): still past
      // every cache
      wanted = Math.min(wanted, SizeGrid.round((double) Math.max(QUICK_MAX_BYTES, 4 * llc)));
    }
    long max = fitToBudget(wanted, threads, budget);
    long latencyMax = quickDefault ? quickLatencyMax(llc, max, budget) : max;
    int coarse = effort.pick(2, 2, 4);
    int refine = 8;
    long target = (long) effort.pick(1.0e6, 1.0e6, 3.0e6);
    return new MemoryPlan(
        MIN_BYTES,
        max,
        coarse,
        refine,
        target,
        threads,
        bandwidthSizes(MIN_BYTES * 2, max, effort == Effort.DEEP ? 2 : 1, effort == Effort.QUICK),
        llc,
        effort,
        belowLastLevel(ctx.machine().caches()),
        latencyMax);
  }

  /**
   * Where a quick card's latency curve ends: at 1 GiB and 4x the reported last-level cache, as a
   * full card's, halved until the chase region alone fits the budget (the latency sweep maps
   * nothing else), never before the bandwidth curve's end. Its points past the bandwidth curve's
   * end cost about a second: mapping the region and laying out three chains of up to 1 GiB.
   *
   * @param llc the reported last-level cache, 0 if none
   * @param bandwidthMax where the quick card's bandwidth curve ends
   * @param budget bytes anatomy may map
   * @return bytes
   */
  static long quickLatencyMax(long llc, long bandwidthMax, long budget) {
    long latency = defaultMax(0, llc);
    while (latency > bandwidthMax && latency > budget) {
      latency = SizeGrid.round(latency / 2.0);
    }
    return Math.max(latency, bandwidthMax);
  }

  /**
   * The data caches' reported sizes below the last level, ascending and distinct: where the knee
   * windows look, whether sysfs or cpuid reports them (they size nothing; cpuid's L1 and L2 are the
   * core's own, where its L3 can be a hypervisor's invention, see {@link
   * dev.anatomy.inventory.Machine#lastLevelCache()}).
   *
   * @param caches the reported caches
   * @return sizes in bytes; empty with fewer than two levels
   */
  static List<Long> belowLastLevel(List<CacheInfo> caches) {
    int last =
        caches.stream().filter(CacheInfo::holdsData).mapToInt(CacheInfo::level).max().orElse(0);
    return caches.stream()
        .filter(c -> c.holdsData() && c.level() < last && c.sizeBytes() > 0)
        .map(CacheInfo::sizeBytes)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The largest working set wanted: what the user asked for, else at least 1 GiB and 4x the
   * reported LLC.
   *
   * @param asked the user's --max-size, 0 for none
   * @param llc reported last-level cache
   * @return bytes, a multiple of 1 KiB
   */
  static long defaultMax(long asked, long llc) {
    return SizeGrid.round((double) (asked > 0 ? asked : Math.max(AT_LEAST_BYTES, 4 * llc)));
  }

  /**
   * Halves the largest working set until everything mapped at once fits the budget.
   *
   * @param max wanted largest working set
   * @param threads thread counts of the bandwidth curve
   * @param budget bytes anatomy may map
   * @return the largest working set that fits, at least 8 MiB
   */
  static long fitToBudget(long max, List<Integer> threads, long budget) {
    long fitted = max;
    while (fitted > (8L << 20) && footprint(fitted, threads) > budget) {
      fitted = SizeGrid.round(fitted / 2.0);
    }
    return fitted;
  }

  /**
   * Bytes the memory part maps at once for a largest working set on this many CPUs: the chase
   * region and every worker's stream arrays (read and write use one array of the whole set, triad
   * three), about 4 times the set on two CPUs. A {@code --max-size} is checked against the memory
   * limit with this, before anything is measured:
   *
   * <pre>{@code
   * long need = MemoryPlan.mappedBytes(8L << 30, 2);   // about 32 GiB for an 8 GiB sweep
   * }</pre>
   *
   * @param max largest working set
   * @param cpus CPUs the bandwidth curve runs on
   * @return bytes
   */
  public static long mappedBytes(long max, int cpus) {
    return footprint(max, threadCounts(cpus));
  }

  /**
   * The largest working set, in whole MiB and at most {@code max}, whose {@link #mappedBytes} fit
   * the budget: what a {@code --max-size} that does not fit is told to ask for instead.
   *
   * @param max wanted largest working set
   * @param cpus CPUs the bandwidth curve runs on
   * @param budget bytes anatomy may map
   * @return bytes, a multiple of 1 MiB; 0 if not even 1 MiB fits
   */
  public static long largestFitting(long max, int cpus, long budget) {
    List<Integer> threads = threadCounts(cpus);
    long mib = 1L << 20;
    // the footprint grows about linearly with the size: start from that estimate, step down
    double ratio = (double) footprint(max, threads) / max;
    long fits = Math.min(max, (long) (budget / ratio)) / mib * mib;
    while (fits > 0 && footprint(fits, threads) > budget) {
      fits -= mib;
    }
    return fits;
  }

  /**
   * Bytes mapped at the peak: every worker's bandwidth workspace (each holds the largest share it
   * gets at any thread count) and one chase region.
   *
   * @param max largest working set
   * @param threads thread counts
   * @return bytes
   */
  static long footprint(long max, List<Integer> threads) {
    int workers = threads.get(threads.size() - 1);
    long total = max;
    for (int w = 0; w < workers; w++) {
      long share = 0;
      for (int t : threads) {
        if (t > w) {
          share = Math.max(share, max / t);
        }
      }
      total += StreamWorkspace.footprint(share);
    }
    return total;
  }

  /**
   * Thread counts: 1, then powers of two, then every CPU.
   *
   * @param cpus CPUs available
   * @return ascending counts
   */
  static List<Integer> threadCounts(int cpus) {
    TreeSet<Integer> counts = new TreeSet<>();
    for (int t = 1; t < cpus; t *= 2) {
      counts.add(t);
    }
    counts.add(cpus);
    return new ArrayList<>(counts);
  }

  static List<Long> bandwidthSizes(long min, long max, int perOctave) {
    return bandwidthSizes(min, max, perOctave, false);
  }

  static List<Long> bandwidthSizes(long min, long max, int perOctave, boolean everyOtherOctave) {
    List<Long> out = new ArrayList<>();
    for (long s : SizeGrid.geometric(min, max, perOctave)) {
      boolean skipped = everyOtherOctave && Long.numberOfTrailingZeros(s) % 2 == 0 && s != max;
      if ((s <= DENSE_BANDWIDTH_LIMIT || s == max) && !skipped) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Sampling for latency points: chase loops are compiled before the sweep, so little warm-up.
   *
   * @return the plan
   */
  public dev.anatomy.harness.Sampler.Plan latencyPlan() {
    return latencyPlan(effort);
  }

  /**
   * Sampling for latency points at an effort (see {@link #latencyPlan()}).
   *
   * @param effort the card's effort
   * @return the plan
   */
  public static dev.anatomy.harness.Sampler.Plan latencyPlan(Effort effort) {
    return new dev.anatomy.harness.Sampler.Plan(1, 3, 2, 0.05, effort.pick(3, 5, 9));
  }

  /**
   * The length of one latency sample: 0.5 ms, 3 ms for {@code --deep}. A sample's length is set on
   * a warm run over the chain (see {@code LatencyProbe}), so at 0.5 ms a cache-sized chain is
   * chased several times over in each. Until bench run 39 it was set on the cold first run, which
   * made a cache-sized chain's samples several times shorter than asked: then a quick card's 0.3 ms
   * samples read L2's ramp about 3 ns slower than a full card's 1 ms (861 KiB: 6.9-7.6 ns against
   * 4.2-5.3 on the Firecracker guest), and both were raised to 1 ms; once samples lasted their full
   * millisecond, a default card took about 2 s longer, and a quick one about 1 s.
   *
   * @param effort the card's effort
   * @return nanoseconds
   */
  public static long latencySampleNs(Effort effort) {
    return (long) effort.pick(0.5e6, 0.5e6, 3.0e6);
  }

  /**
   * The length of one latency sample on this plan's effort (see {@link #latencySampleNs(Effort)}).
   *
   * @return nanoseconds
   */
  public long latencySampleNs() {
    return latencySampleNs(effort);
  }

  /**
   * Sampling for bandwidth points of cache-sized working sets.
   *
   * @return the plan
   */
  public dev.anatomy.harness.Sampler.Plan cachePlan() {
    return new dev.anatomy.harness.Sampler.Plan(1, 4, 2, 0.03, effort.pick(3, 5, 9));
  }

  /**
   * The ratio between neighbouring sizes of the first latency sweep.
   *
   * @return 2^(1 / coarse points per octave)
   */
  public double coarseStep() {
    return Math.pow(2, 1.0 / coarsePerOctave);
  }

  /**
   * Bandwidth points up to this working set are sampled in two visits (see {@link
   * #firstVisitPlan()}): a sample there lasts a millisecond, and a whole point is over in a few, so
   * one busy moment on a shared machine would otherwise decide it.
   */
  static final long TWO_VISITS_MAX_BYTES = 512L << 10;

  /**
   * Whether the bandwidth points at a working set are sampled in two visits, a second or two apart:
   * sizes up to {@link #TWO_VISITS_MAX_BYTES}, except on a quick card.
   *
   * @param bytes the working set
   * @return true to visit it twice
   */
  public boolean twoVisits(long bytes) {
    return effort != Effort.QUICK && bytes <= TWO_VISITS_MAX_BYTES;
  }

  /**
   * Whether the bandwidth points at a working set get a second visit in the part's last step, some
   * 10 s after the first: the sizes past {@link #TWO_VISITS_MAX_BYTES} up to {@link
   * #DENSE_BANDWIDTH_LIMIT}, except on a quick card. There the set lives in the shared last-level
   * cache, and what a neighbour leaves of it decides the figure: in four cards on this project's
   * Firecracker guest one thread read 8 MiB at 74-96 GB/s in single visits, and a standalone loop
   * read it at 89-91 GB/s in one process and 113-114 in the next.
   *
   * @param bytes the working set
   * @return true to visit it again at the end
   */
  public boolean lateVisit(long bytes) {
    return effort != Effort.QUICK && bytes > TWO_VISITS_MAX_BYTES && bytes <= DENSE_BANDWIDTH_LIMIT;
  }

  /**
   * Sampling for the first visit of a bandwidth point that gets two: the cache plan's warm-up,
   * fewer samples (the second visit adds its own).
   *
   * @return the plan
   */
  public dev.anatomy.harness.Sampler.Plan firstVisitPlan() {
    return new dev.anatomy.harness.Sampler.Plan(1, 4, 2, 0.03, effort.pick(3, 3, 5));
  }

  /**
   * Sampling for the second visit, a second or two after the first: the loops are compiled by then,
   * so a short warm-up.
   *
   * @return the plan
   */
  public dev.anatomy.harness.Sampler.Plan secondVisitPlan() {
    return new dev.anatomy.harness.Sampler.Plan(1, 2, 2, 0.03, effort.pick(3, 3, 5));
  }

  /**
   * Sampling for bandwidth points larger than the caches, where each sample is a full pass over
   * hundreds of MiB: one warm-up, few samples.
   *
   * @return the plan
   */
  public dev.anatomy.harness.Sampler.Plan memoryPlan() {
    return new dev.anatomy.harness.Sampler.Plan(1, 1, 2, 0.05, effort.pick(2, 3, 7));
  }

  /**
   * The working set for the memory (DRAM) figures: 4x the larger of the reported and measured
   * last-level cache, at least 256 MiB, at most the largest size.
   *
   * @param measuredLlcBytes the measured last cache tier, 0 if unknown
   * @return bytes
   */
  public long dramBytes(long measuredLlcBytes) {
    long want = Math.max(256L << 20, 4 * Math.max(reportedLlcBytes, measuredLlcBytes));
    return SizeGrid.round((double) Math.min(maxBytes, want));
  }

  /**
   * The sizes of the first latency sweep: {@code coarsePerOctave} per octave up to {@link
   * #sparseLatencyFromBytes()}, then one per octave (the powers of two) and the largest size. Past
   * 8x the last-level cache the curve is DRAM's plateau, with no knee to place, and each point
   * there costs hundreds of milliseconds to lay out; on this project's 2-core machine the thinning
   * saves about 2 s of a 25 s memory part.
   *
   * @return ascending sizes in bytes
   */
  public List<Long> latencySizes() {
    long sparseFrom = sparseLatencyFromBytes();
    List<Long> sizes = new java.util.ArrayList<>();
    for (long s : SizeGrid.geometric(minBytes, latencyMaxBytes, coarsePerOctave)) {
      // past the bandwidth curve's end (a quick card's), only the last size: DRAM's latency
      boolean kept = s <= maxBytes || s == latencyMaxBytes;
      if (kept && (s <= sparseFrom || Long.bitCount(s) == 1 || s == latencyMaxBytes)) {
        sizes.add(s);
      }
    }
    return sizes;
  }

  /**
   * Where the latency sweep thins to one size per octave: 8x the reported last-level cache, at
   * least 256 MiB.
   *
   * @return bytes
   */
  public long sparseLatencyFromBytes() {
    return Math.max(256L << 20, 8 * reportedLlcBytes);
  }
}

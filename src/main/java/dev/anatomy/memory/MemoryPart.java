package dev.anatomy.memory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseGuard;
import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Sampler;
import dev.anatomy.result.PartResult;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.Part;
import dev.anatomy.run.Sizes;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The memory units: latency from L1 to DRAM, bandwidth of four kernels at 1..N threads,
 * memory-level parallelism, loaded latency, and the tiers found in the latency curve.
 *
 * <p>Order matters: the latency sweep comes first because its knees decide where each tier's
 * bandwidth is measured (half the tier's measured size, or 4x the last-level cache for DRAM).
 * Between the bandwidth sweep's sizes the private caches' knee windows and the shared cache's sizes
 * are chased again ({@link CacheRevisits}). The part ends with one more visit to every size up to
 * 4x the last cache and to the largest, seconds after the first ones, and measures the bandwidth at
 * any tier size that pass moved. (A quick card's largest latency size lies past its bandwidth
 * curve, so it does not fit the bandwidth workspace the last pass chases in: its second visit comes
 * in the knee pass instead.)
 */
public final class MemoryPart implements Part {
  /**
   * Passes over the sizes around each knee, right after the first sweep. Three before the windows
   * got their visits spread over the bandwidth sweep ({@link CacheRevisits}); two since the chase's
   * samples last the 1 ms they are meant to (see {@link LatencyProbe#sampleChase}), which cost the
   * card about a second.
   */
  static final int KNEE_PASSES = 2;

  /** A bandwidth point whose share per thread would be smaller is not measured. */
  static final long MIN_BYTES_PER_THREAD = 2 * 1024;

  /** Sizes closer than this ratio are one size of the curve. */
  private static final double NEAR_DUPLICATE = 1.01;

  /**
   * Visits at most, in the last pass, to a size that still reads slower than a larger one (see
   * {@link MemoryFindings#undercutSizes}).
   */
  static final int UNDERCUT_VISITS = 2;

  /**
   * The late pass revisits the sizes up to this many times the largest private cache the machine
   * reports, even when the first sweep found no cache past it (see {@link #pastPrivateSizes}).
   */
  static final long PAST_REPORTED_PRIVATE = 8;

  /** Progress units of the knee passes. */
  private static final double KNEE_WORK = 24;

  /** The bandwidth workspaces' mapping and filling, as a share of the bandwidth sweep's work. */
  private static final double FILL_SHARE = 0.3;

  /** The bandwidth loops' JIT warm-up, as a share of the bandwidth sweep's work. */
  private static final double JIT_WARMUP_SHARE = 0.1;

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public PartResult measure(MeasureContext ctx) {
    MemoryPlan plan = MemoryPlan.of(ctx);
    Unavailable unavailable = new Unavailable();
    MemoryFindings findings = new MemoryFindings(plan);
    try (PinnedPool pool = new PinnedPool(ctx.cpuArray())) {
      if (!pool.pinned()) {
        unavailable.add(
            "memory.pinning", "the kernel refused to pin threads to CPUs; threads ran unpinned");
      }
      NoiseGuard noise = ctx.noise();
      // the latency sweep's chase region, kept for worker 0's array b where it is large enough
      List<OffHeap> kept = new ArrayList<>(1);
      try {
        noise.watch(
            "memory.latency", () -> latency(ctx, pool, plan, findings, unavailable, kept::add));
        double work = sweepWork(plan, sweepSizes(plan, findings));
        ProgressMeter sweep = bandwidthMeter(ctx, work);
        try (BandwidthProbe probe = bandwidthProbe(ctx, pool, plan, kept)) {
          sweep.advance(FILL_SHARE * work);
          noise.watch(
              "memory.bandwidth",
              () ->
                  bandwidth(
                      probe, plan, findings, cacheRevisits(pool, probe, plan, findings), sweep));
          noise.watch(
              "memory.parallelism",
              () -> parallelism(ctx, pool, probe, plan, findings, unavailable));
          noise.watch("memory.knees", () -> lateKneePass(ctx, pool, probe, plan, findings));
        }
      } finally {
        kept.forEach(OffHeap::close);
      }
    }
    if (!findings.memoryReached()) {
      unavailable.add(
          "memory.levels.DRAM",
          "the sweep ended at "
              + Sizes.format(plan.latencyMaxBytes())
              + ", less than 4x the last cache found; raise --max-size to reach memory");
    }
    ObjectNode section = MemoryDocument.write(ctx.machine(), findings, unavailable);
    return new PartResult(name(), section, unavailable.asMap(), ctx.noise().records(), true);
  }

  /**
   * The latency sweep. Where worker 0's bandwidth input array b fits in the chase region (a full
   * card: both curves end at the same size), the region is mapped that much larger and handed to
   * {@code keep} instead of closed, to hold that array: backing a fresh one cost about a second for
   * 1 GiB here, in the longest step of the card with no progress shown. Where the region holds
   * every worker's whole workspace (a quick card, whose latency curve goes on to 1 GiB past its
   * bandwidth curve's end, on one NUMA node), it is kept to hold them all (see {@link #carved}).
   */
  private static void latency(
      MeasureContext ctx,
      PinnedPool pool,
      MemoryPlan plan,
      MemoryFindings findings,
      Unavailable unavailable,
      java.util.function.Consumer<OffHeap> keep) {
    List<Long> coarse = plan.latencySizes();
    boolean thp = !"never".equals(ctx.machine().transparentHugePages());
    boolean huge = thp && ctx.effort() != Effort.QUICK;
    if (thp && !huge) {
      unavailable.add(
          "memory.latencyCurve.hugePages", "skipped by --quick: only 4 KiB pages were measured");
    }
    if (!thp) {
      unavailable.add(
          "memory.latencyCurve.hugePages",
          "transparent huge pages are disabled (/sys/kernel/mm/transparent_hugepage/enabled is"
              + " 'never')");
    }
    double work = coarse.size() * (huge ? 4 : 2) + 24;
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "memory: latency sweep", work);
    LatencyProbe probe = latencyProbe(pool, plan);
    long lent = StreamWorkspace.lentBytes(plan.maxBytes(), StreamLoops.best());
    boolean lend =
        plan.latencyMaxBytes() == plan.maxBytes()
            || carved(
                    ctx.machine().numaNodes().size(),
                    perWorker(plan, pool.size()),
                    plan.latencyMaxBytes())
                .isPresent();
    OffHeap small =
        mapTouched(
            pool,
            lend ? Math.max(lent, plan.latencyMaxBytes()) : plan.latencyMaxBytes(),
            PageSize.SMALL);
    try {
      smallPageSweep(ctx, plan, findings, probe, small, meter);
    } catch (RuntimeException | Error e) {
      small.close();
      throw e;
    }
    if (lend) {
      keep.accept(small);
    } else {
      small.close();
    }
    if (huge) {
      try (OffHeap region = mapTouched(pool, plan.latencyMaxBytes(), PageSize.HUGE)) {
        MemoryFindings.PageCoverage pages = coverage(region);
        findings.pages.add(pages);
        Optional<String> refused = hugePagesRefused(pages);
        if (refused.isPresent()) {
          unavailable.add("memory.latencyCurve.hugePages", refused.get());
        } else {
          for (ChaseLayout.Variant v : ChaseLayout.Variant.values()) {
            for (long size : coarse) {
              findings.latency.add(probe.measure(region, size, v));
              meter.advance(1);
            }
          }
        }
      }
    }
    findings.findTiers();
    meter.done();
  }

  /** Both layouts over the coarse sizes in 4 KiB pages, then the knee windows. */
  private static void smallPageSweep(
      MeasureContext ctx,
      MemoryPlan plan,
      MemoryFindings findings,
      LatencyProbe probe,
      OffHeap region,
      ProgressMeter meter) {
    findings.pages.add(coverage(region));
    probe.warmUpJit(region);
    for (ChaseLayout.Variant v : ChaseLayout.Variant.values()) {
      for (long size : plan.latencySizes()) {
        // a quick card takes the random layout one size per octave, and only as far as its
        // bandwidth curve goes: the curve's shape, not its knees, which come from the
        // tlb-grouped layout (a random chain of 1 GiB takes half a second to lay out)
        boolean skip =
            ctx.effort() == Effort.QUICK
                && v == ChaseLayout.Variant.RANDOM
                && (Long.bitCount(size) != 1 || size > plan.maxBytes());
        if (!skip) {
          findings.latency.add(probe.measure(region, size, v));
        }
        meter.advance(1);
      }
    }
    refineKnees(probe, region, plan, findings, meter);
  }

  /**
   * The workers that stream while worker 0 chases for the loaded latency: one per core other than
   * worker 0's, so that no streamer shares worker 0's core as its SMT sibling (that would measure
   * the core's own contention, not the memory system's).
   *
   * @param pool the workers
   * @param siblings groups of logical CPUs sharing a core
   * @return worker indices, possibly empty
   */
  static Set<Integer> streamers(PinnedPool pool, List<List<Integer>> siblings) {
    int[] cpus = new int[pool.size()];
    for (int w = 0; w < cpus.length; w++) {
      cpus[w] = pool.cpuOf(w);
    }
    return streamers(cpus, siblings);
  }

  /**
   * The same for workers on the given CPUs.
   *
   * @param workerCpus each worker's CPU, worker 0 the chaser
   * @param siblings groups of logical CPUs sharing a core
   * @return worker indices, possibly empty
   */
  static Set<Integer> streamers(int[] workerCpus, List<List<Integer>> siblings) {
    Map<Integer, Integer> coreOf = new HashMap<>();
    for (int g = 0; g < siblings.size(); g++) {
      for (int cpu : siblings.get(g)) {
        coreOf.put(cpu, g);
      }
    }
    Set<Integer> taken = new HashSet<>();
    Set<Integer> out = new TreeSet<>();
    for (int w = 0; w < workerCpus.length; w++) {
      // a CPU missing from the groups counts as a core of its own
      int core = coreOf.getOrDefault(workerCpus[w], -1 - workerCpus[w]);
      if (taken.add(core) && w > 0) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * Why a region mapped for huge pages cannot give huge-page points: the kernel backed less than
   * half of it with them (/proc/self/smaps), so its points would be 4 KiB-page points labelled as
   * huge. An unreadable smaps (-1) is not a refusal: the advice was given and the points say so.
   *
   * @param pages what the kernel gave for the region
   * @return the reason, or empty when the points can be measured
   */
  static Optional<String> hugePagesRefused(MemoryFindings.PageCoverage pages) {
    if (pages.anonHugeBytes() < 0 || 2 * pages.anonHugeBytes() >= pages.regionBytes()) {
      return Optional.empty();
    }
    return Optional.of(
        "the kernel backed "
            + Sizes.format(pages.anonHugeBytes())
            + " of the "
            + Sizes.format(pages.regionBytes())
            + " region with transparent huge pages (/proc/self/smaps AnonHugePages), under half:"
            + " the huge-page points were not measured");
  }

  /**
   * Measures the sizes around each knee of the first sweep {@value #KNEE_PASSES} times (once for a
   * quick card), ascending then descending, and keeps each size's best samples: a busy neighbour on
   * a shared machine lifts the latency of every point measured in the same second or two, and one
   * pass over the knee in such a moment would move it (here: an L2 found at 256 KiB, not 512 KiB).
   * The coarse sizes in the same windows are measured again too, and the largest size when the
   * curve rises into it, or when it is past the bandwidth curve's end (a quick card's 1 GiB: the
   * last pass, in the bandwidth workspace, has no room for it). The passes cost about 0.3 s.
   */
  private static void refineKnees(
      LatencyProbe probe,
      OffHeap region,
      MemoryPlan plan,
      MemoryFindings findings,
      ProgressMeter meter) {
    TreeSet<Long> window = new TreeSet<>(kneeWindowSizes(findings, plan));
    List<Long> main = findings.mainSizes();
    if (plan.latencyMaxBytes() > plan.maxBytes() && !main.isEmpty()) {
      window.add(main.get(main.size() - 1));
    }
    List<Long> sizes = new ArrayList<>(window);
    // a quick card takes one pass: it has 15 s for every part
    int passes = plan.effort() == Effort.QUICK ? 1 : KNEE_PASSES;
    double step = KNEE_WORK / Math.max(1.0, (double) sizes.size() * passes);
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < sizes.size(); i++) {
        long size = sizes.get(pass % 2 == 0 ? i : sizes.size() - 1 - i);
        findings.keepBest(probe.measure(region, size, ChaseLayout.Variant.TLB_GROUPED));
        meter.advance(step);
      }
    }
  }

  /**
   * The sizes of the knee windows: around each centre (see {@link #windowCentres}), the fine sizes
   * from one fine step below it to one coarse step above it and the sizes already measured from one
   * coarse step below it to one above; and the largest size if the curve rises into it. A fine size
   * within 1% of one already measured is that size, so the curve gets no near-duplicates.
   *
   * @param findings the sweep so far
   * @param plan the plan
   * @return sizes, ascending; empty when there is no centre
   */
  static List<Long> kneeWindowSizes(MemoryFindings findings, MemoryPlan plan) {
    Set<Long> centres = windowCentres(findings, plan);
    if (centres.isEmpty()) {
      return List.of();
    }
    List<Long> main = findings.mainSizes();
    TreeSet<Long> measured = new TreeSet<>(main);
    TreeSet<Long> out = new TreeSet<>();
    double step = plan.coarseStep() * (1 + 1e-6);
    for (long centre : centres) {
      long c = SizeGrid.snap(centre, plan.refinePerOctave());
      for (long s :
          SizeGrid.bracketing(
              c,
              plan.coarseStep(),
              plan.refinePerOctave(),
              plan.minBytes(),
              plan.latencyMaxBytes())) {
        out.add(SizeGrid.nearestWithin(measured, s, NEAR_DUPLICATE).orElse(s));
      }
      for (long s : main) {
        if (s <= c * step && s * step >= c) {
          out.add(s);
        }
      }
    }
    // the largest size too when the curve rises into it: it alone decides whether the sweep
    // reached memory, and one busy moment there would otherwise end the curve on a false knee
    List<LatencyPoint> curve = findings.mainCurve();
    if (curve.size() >= 2
        && curve.get(curve.size() - 1).latency().value()
            > TierFinder.PLATEAU_RISE * curve.get(curve.size() - 2).latency().value()) {
      out.add(main.get(main.size() - 1));
    }
    return new ArrayList<>(out);
  }

  /**
   * Where the knee windows are: each knee of the sweep so far, and each private cache the machine
   * reports. A neighbour busy in a shared core's cache through the first sweep shows its knee
   * early, and only sizes measured near the real one let a quieter pass find it there.
   */
  private static Set<Long> windowCentres(MemoryFindings findings, MemoryPlan plan) {
    TreeSet<Long> centres = new TreeSet<>();
    for (TierFinder.Tier t : findings.mainTiers()) {
      // a knee past the sparse part of the sweep is DRAM's noise, not a cache: no cache is 8x
      // larger than the one the machine reports
      if (t.capacityBytes() > 0 && t.capacityBytes() <= plan.sparseLatencyFromBytes()) {
        centres.add(t.capacityBytes());
      }
    }
    centres.addAll(plan.reportedPrivateCacheBytes());
    return centres;
  }

  /**
   * One more pass over the private caches and over the random-layout curve in the caches, the last
   * step of the part, in a region of its own (other pages, too), and over the sizes past them up to
   * 4x the last cache and the sweep's largest size (memory's latency), then the tiers found again;
   * the bandwidth at a tier size that moved is measured, the bandwidth points in the shared cache
   * get their second visit (see {@link MemoryPlan#lateVisit}), and the bandwidth points within the
   * first tier a third (neither on a quick card): at 16 KiB, in three cards, the third gave the
   * best read once (156 GB/s against 149) and the best triad once (228 against 195). A neighbour in
   * a shared core's L2 slows a chase there for seconds at a time: in one process here the 256 KiB
   * point read 3.9 ns, then 7-10 ns for several seconds, then 3.9 ns again, so the first sweep's
   * passes, a fraction of a second apart, can all fall in such a stretch; this pass comes 7-8 s
   * after them. A size that still reads slower than a larger one after it gets up to {@value
   * #UNDERCUT_VISITS} more visits: in one card here 256 KiB read 7.5 ns in both of its visits and
   * 362 KiB 5.3.
   */
  private static void lateKneePass(
      MeasureContext ctx,
      PinnedPool pool,
      BandwidthProbe streams,
      MemoryPlan plan,
      MemoryFindings findings) {
    List<Long> sizes = privateCacheSizes(findings, plan);
    List<Long> random = randomCacheSizes(findings);
    List<Long> past = pastPrivateSizes(findings, plan);
    NavigableSet<Long> measured = sweepSizes(plan, findings);
    List<Long> late = measured.descendingSet().stream().filter(plan::lateVisit).toList();
    double pointsPerSize = plan.threadCounts().size() * (double) StreamKernel.values().length;
    ProgressMeter meter =
        new ProgressMeter(
            ctx.progress(),
            "memory: knees",
            sizes.size() + random.size() + past.size() + late.size() * pointsPerSize + 1.0);
    if (!sizes.isEmpty() || !random.isEmpty()) {
      chaseAgain(pool, plan, findings, sizes, random, meter);
    }
    chaseInRoom(pool, streams, plan, findings, past, meter);
    long upTo = Math.max((long) privateBound(findings, plan), 4 * findings.measuredLlcBytes());
    for (int i = 0; i < UNDERCUT_VISITS; i++) {
      List<Long> undercut = findings.undercutSizes(upTo);
      if (undercut.isEmpty()) {
        break;
      }
      chaseInRoom(pool, streams, plan, findings, undercut, meter);
    }
    findings.findTiers();
    Sampler cache = new Sampler(plan.cachePlan());
    for (long size : findings.tierBandwidthSizes()) {
      if (!measured.contains(size) && size <= MemoryPlan.DENSE_BANDWIDTH_LIMIT) {
        sweepSize(streams, size, plan, cache, findings, meter);
      }
    }
    // the shared cache's sizes, visited once in the sweep some 10 s ago (see lateVisit)
    Sampler again = new Sampler(plan.secondVisitPlan());
    for (long size : late) {
      sweepSize(streams, size, plan, again, findings, meter);
    }
    if (plan.effort() != Effort.QUICK && !findings.tiers().isEmpty()) {
      // a third visit for the first tier's points, the ones a neighbour on the core moves most
      Sampler third = new Sampler(plan.secondVisitPlan());
      long l1 = findings.tiers().get(0).capacityBytes();
      for (long size : measured.headSet(l1, true).descendingSet()) {
        sweepSize(streams, size, plan, third, findings, meter);
      }
    }
    meter.done();
  }

  /**
   * The sizes of the random-layout curve (4 KiB pages) up to twice the last cache found, largest
   * first: the latency a prediction of random loads in a cache reads. That curve is measured in one
   * pass, and one busy stretch there (a neighbour streaming through the shared L3) had put 1-2 MiB
   * at DRAM's 160-220 ns while the tlb-grouped chase read 14 ns at the same sizes.
   *
   * @param findings the sweep, tiers found
   * @return sizes, descending; empty without a cache
   */
  static List<Long> randomCacheSizes(MemoryFindings findings) {
    long lastCache =
        findings.tiers().stream().mapToLong(TierFinder.Tier::capacityBytes).max().orElse(0);
    return findings.latency.stream()
        .filter(p -> p.variant() == ChaseLayout.Variant.RANDOM && p.pageSizeBytes() == 4096)
        .map(LatencyPoint::sizeBytes)
        .filter(size -> size <= 2 * lastCache)
        .sorted(java.util.Comparator.reverseOrder())
        .distinct()
        .toList();
  }

  /** Chases the tlb-grouped sizes, then the random ones, in one fresh region; pools the points. */
  private static void chaseAgain(
      PinnedPool pool,
      MemoryPlan plan,
      MemoryFindings findings,
      List<Long> tlbGrouped,
      List<Long> random,
      ProgressMeter meter) {
    long largest =
        Math.max(
            tlbGrouped.isEmpty() ? 0 : tlbGrouped.get(0), random.isEmpty() ? 0 : random.get(0));
    LatencyProbe probe = latencyProbe(pool, plan);
    try (OffHeap region = mapTouched(pool, largest, PageSize.SMALL)) {
      for (long size : tlbGrouped) {
        findings.keepBest(probe.measure(region, size, ChaseLayout.Variant.TLB_GROUPED));
        meter.advance(1);
      }
      for (long size : random) {
        findings.keepBest(probe.measure(region, size, ChaseLayout.Variant.RANDOM));
        meter.advance(1);
      }
    }
  }

  /**
   * Chases the sizes past the private caches once more (tlb-grouped, 4 KiB pages), pooling each
   * with its first visit some 15 s before. The chains go in the bandwidth workspace's output array,
   * which is mapped and touched already (no extra memory; about 0.3 s for 1 GiB); a size larger
   * than that array keeps its one visit. In four cards of one bench run here the first visit read
   * 141-149 ns at 1 GiB in three and 100 ns in the fourth, while the C chase read 97-108 ns in
   * every round: a busy stretch, or a region whose pages chased slower, lifted the whole memory
   * plateau of three processes. Just past the last cache the plateau moves most: in one bench run
   * here the 4 MiB point, visited once, read 82-173 ns over six cards and the C chase 94-126.
   */
  private static void chaseInRoom(
      PinnedPool pool,
      BandwidthProbe streams,
      MemoryPlan plan,
      MemoryFindings findings,
      List<Long> sizes,
      ProgressMeter meter) {
    LatencyProbe probe = latencyProbe(pool, plan);
    for (long size : sizes) {
      chaseInRoom(probe, streams, findings, size);
      meter.advance(1);
    }
  }

  /**
   * Chases one size (tlb-grouped, 4 KiB pages) in the bandwidth workspace's output array, between
   * kernel runs, and pools the point; a size larger than that array is skipped.
   */
  private static void chaseInRoom(
      LatencyProbe probe, BandwidthProbe streams, MemoryFindings findings, long size) {
    MemorySegment room = streams.chaseRoom();
    if (size <= room.byteSize()) {
      findings.keepBest(probe.measure(room, PageSize.SMALL, size, ChaseLayout.Variant.TLB_GROUPED));
    }
  }

  /**
   * The sizes of the first sweep past the private caches (see {@link #privateCacheSizes}) up to 4x
   * the last cache found, and at least {@value #PAST_REPORTED_PRIVATE}x the largest private cache
   * the machine reports, where a busy second moves a point between a cache's latency and memory's,
   * and the sweep's largest size, which stands for memory's latency; descending. They are chased in
   * the bandwidth workspace, which skips a size larger than it (a quick card's largest, visited
   * twice in the knee pass instead). The reported bound is for a first sweep that found no shared
   * cache at all: in two cards of one bench run on the Firecracker guest its share of the L3 was
   * gone through the whole sweep (2.9 MiB read 36-59 ns), and 4 MiB, past 4x the L2 that sweep
   * found, kept its one visit at 96-114 ns, with no L3 on the card.
   *
   * @param findings the sweep, tiers found
   * @param plan the plan
   * @return sizes, descending; just the largest when no cache was found
   */
  static List<Long> pastPrivateSizes(MemoryFindings findings, MemoryPlan plan) {
    List<Long> main = findings.mainSizes();
    if (main.isEmpty()) {
      return List.of();
    }
    double from = privateBound(findings, plan);
    long to =
        Math.max(4 * findings.measuredLlcBytes(), PAST_REPORTED_PRIVATE * largestReported(plan));
    TreeSet<Long> out = new TreeSet<>();
    for (long s : main) {
      if (s > from && s <= to) {
        out.add(s);
      }
    }
    out.add(main.get(main.size() - 1));
    return new ArrayList<>(out.descendingSet());
  }

  /**
   * The sizes of the private caches, largest first: every size of the sweep and of the knee windows
   * up to a coarse step past the larger of the last cache tier below the last level and the private
   * caches the machine reports. Each gets a second visit, seconds after the first and in other
   * pages: in one card here every size from 181 to 362 KiB read 4.8-5.8 ns in every visit of the
   * first sweep where other cards read 3.9, and in another the 256 KiB point, visited once, read
   * 13.8 ns; the C chase, run twice, reads such a figure in some runs too.
   *
   * @param findings the sweep, tiers found
   * @param plan the plan
   * @return sizes, descending; empty when no cache below the last level is known
   */
  static List<Long> privateCacheSizes(MemoryFindings findings, MemoryPlan plan) {
    double bound = privateBound(findings, plan);
    return windowAndSweepSizes(findings, plan).descendingSet().stream()
        .filter(s -> s <= bound)
        .toList();
  }

  /**
   * Visits to the knee windows and plateaus of the private caches and, but on a quick card, to the
   * shared cache's sizes (see {@link CacheRevisits}), chased in the bandwidth workspace's output
   * array between kernel runs. A quick card's bandwidth sweep is short, and those visits would add
   * some 0.3 s to its 6-7.
   */
  private static CacheRevisits cacheRevisits(
      PinnedPool pool, BandwidthProbe streams, MemoryPlan plan, MemoryFindings findings) {
    LatencyProbe probe = latencyProbe(pool, plan);
    boolean quick = plan.effort() == Effort.QUICK;
    return new CacheRevisits(
        privateRevisitSizes(findings, plan),
        quick ? List.of() : sharedRevisitSizes(findings, plan),
        size -> chaseInRoom(probe, streams, findings, size));
  }

  /**
   * The sizes from the first knee window up to a coarse step past the private caches, descending:
   * the knee windows' sizes and the first sweep's sizes on the private caches' plateaus. The
   * plateau's sizes read the tier's latency, and a neighbour in the core's L2 lifts them too: in
   * four rounds of one bench run here anatomy's 256 KiB point, visited in the first sweep and the
   * last pass only, read 4.8-5.3 ns, while the C chase's best of five runs read 3.9 ns in every
   * round. L1's window is among them: in one card of another run a neighbour on the core put L1's
   * knee at 41 KiB (cpuid 48 KiB) through the first sweep's passes.
   *
   * @param findings the latency sweep, tiers found
   * @param plan the plan
   * @return sizes, descending; empty when there is no knee window
   */
  static List<Long> privateRevisitSizes(MemoryFindings findings, MemoryPlan plan) {
    List<Long> windows = kneeWindowSizes(findings, plan);
    if (windows.isEmpty()) {
      return List.of();
    }
    long from = windows.get(0);
    double bound = privateBound(findings, plan);
    return windowAndSweepSizes(findings, plan).descendingSet().stream()
        .filter(s -> s >= from && s <= bound)
        .toList();
  }

  /**
   * The sizes past the private caches (see {@link #privateRevisitSizes}) up to twice the last cache
   * found and at least {@value #PAST_REPORTED_PRIVATE}x the largest private cache the machine
   * reports, descending: the sizes where the guest's share of a shared cache, which the neighbours'
   * traffic moves over seconds, decides between a cache's latency and memory's. A first sweep that
   * found no shared cache, its share gone all the while, still gets them.
   *
   * @param findings the latency sweep, tiers found
   * @param plan the plan
   * @return sizes, descending; empty when the sweep measured nothing
   */
  static List<Long> sharedRevisitSizes(MemoryFindings findings, MemoryPlan plan) {
    double from = privateBound(findings, plan);
    long to =
        Math.max(2 * findings.measuredLlcBytes(), PAST_REPORTED_PRIVATE * largestReported(plan));
    return windowAndSweepSizes(findings, plan).descendingSet().stream()
        .filter(s -> s > from && s <= to)
        .toList();
  }

  /** The knee windows' sizes and the first sweep's, ascending. */
  private static NavigableSet<Long> windowAndSweepSizes(MemoryFindings findings, MemoryPlan plan) {
    TreeSet<Long> sizes = new TreeSet<>(kneeWindowSizes(findings, plan));
    sizes.addAll(findings.mainSizes());
    return sizes;
  }

  /** The largest private cache the machine reports; 0 without one. */
  private static long largestReported(MemoryPlan plan) {
    return plan.reportedPrivateCacheBytes().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** A latency probe sampling as the plan says. */
  private static LatencyProbe latencyProbe(PinnedPool pool, MemoryPlan plan) {
    return new LatencyProbe(pool, new Sampler(plan.latencyPlan()), plan.latencySampleNs());
  }

  /** A coarse step past the larger of the last cache tier below the last level and the reports. */
  private static double privateBound(MemoryFindings findings, MemoryPlan plan) {
    List<Long> caches =
        findings.tiers().stream().map(TierFinder.Tier::capacityBytes).filter(c -> c > 0).toList();
    long limit = caches.size() >= 2 ? caches.get(caches.size() - 2) : 0;
    return coarseStepPast(Math.max(limit, largestReported(plan)), plan);
  }

  /** A size one coarse step past {@code bytes}, a hair over so that a size on the grid counts. */
  private static double coarseStepPast(long bytes, MemoryPlan plan) {
    return bytes * plan.coarseStep() * (1 + 1e-6);
  }

  private static MemoryFindings.PageCoverage coverage(OffHeap region) {
    return new MemoryFindings.PageCoverage(
        region.requestedPageSize().bytes(), region.segment().byteSize(), region.hugePageBytes());
  }

  private static OffHeap mapTouched(PinnedPool pool, long bytes, PageSize pages) {
    return pool.run(
            1,
            w -> {
              OffHeap r = OffHeap.map(bytes, pages);
              r.touch();
              return r;
            })
        .get(0);
  }

  /**
   * The bandwidth workspaces: every worker's in the latency sweep's chase region where {@code kept}
   * holds it and it can hold them all (see {@link #carved}), else worker 0's array b there where it
   * fits.
   */
  private static BandwidthProbe bandwidthProbe(
      MeasureContext ctx, PinnedPool pool, MemoryPlan plan, List<OffHeap> kept) {
    long[] perWorker = perWorker(plan, pool.size());
    StreamLoops loops = StreamLoops.best();
    if (kept.isEmpty()) {
      return new BandwidthProbe(pool, ctx.sampler(), loops, plan.sampleTargetNs(), perWorker);
    }
    MemorySegment room = kept.get(0).segment();
    Optional<long[]> offsets = carved(ctx.machine().numaNodes().size(), perWorker, room.byteSize());
    if (offsets.isPresent()) {
      long[] at = offsets.get();
      return new BandwidthProbe(
          pool,
          ctx.sampler(),
          loops,
          plan.sampleTargetNs(),
          perWorker,
          w -> StreamWorkspace.inLent(perWorker[w], loops, room.asSlice(at[w], at[w + 1] - at[w])));
    }
    MemorySegment lent =
        room.byteSize() >= StreamWorkspace.lentBytes(perWorker[0], loops) ? room : null;
    return new BandwidthProbe(pool, ctx.sampler(), loops, plan.sampleTargetNs(), perWorker, lent);
  }

  /**
   * The largest working set each worker holds over the plan's thread counts.
   *
   * @param plan the plan
   * @param workers the pool's workers
   * @return bytes per worker
   */
  static long[] perWorker(MemoryPlan plan, int workers) {
    long[] perWorker = new long[workers];
    for (int threads : plan.threadCounts()) {
      long share = plan.maxBytes() / threads;
      for (int w = 0; w < threads; w++) {
        perWorker[w] = Math.max(perWorker[w], share);
      }
    }
    return perWorker;
  }

  /**
   * Where each worker's whole workspace lies in a chase region of {@code regionBytes}, if they all
   * fit in it and the machine has one NUMA node (worker 0 touched the region, so on several nodes
   * its pages sit on worker 0's): the offsets of workers 0..n-1, and the end. A quick card's chase
   * region is 1 GiB, and its workspaces about 400 MiB on two CPUs: in the region, which the latency
   * sweep's 1 GiB chain wrote, they cost no backing of fresh pages, which the Firecracker guest's
   * host does at each page's first write.
   *
   * @param numaNodes the machine's NUMA nodes
   * @param perWorker each worker's largest working set (see {@link #perWorker})
   * @param regionBytes the chase region's length
   * @return offsets, n + 1 of them; empty where they do not all fit
   */
  static Optional<long[]> carved(int numaNodes, long[] perWorker, long regionBytes) {
    if (numaNodes > 1) {
      return Optional.empty();
    }
    int workers = perWorker.length;
    long[] at = new long[workers + 1];
    for (int w = 0; w < workers; w++) {
      at[w + 1] = at[w] + StreamWorkspace.wholeLentBytes(perWorker[w], StreamLoops.best());
    }
    return at[workers] <= regionBytes ? Optional.of(at) : Optional.empty();
  }

  /**
   * The bandwidth sweep: the sizes of the private caches ascending, then again descending, each
   * point pooling the samples of both visits (its figure the best of them); then the larger sizes.
   * Measured here at 16 KiB in one process, the read kernel ran at 105-157 GB/s from one second to
   * the next while each point's samples agreed within 10%: a point sampled in one stretch of a few
   * milliseconds took whatever that stretch gave. The second visit comes before the memory-sized
   * points: in three cards that visited them after, every second visit at 16 KiB read 18-44% below
   * the first. After each size, the revisits chase a few sizes of the caches.
   */
  private static void bandwidth(
      BandwidthProbe probe,
      MemoryPlan plan,
      MemoryFindings findings,
      CacheRevisits revisits,
      ProgressMeter meter) {
    probe.warmUpJit();
    NavigableSet<Long> all = sweepSizes(plan, findings);
    List<Long> twice = all.stream().filter(plan::twoVisits).toList();
    meter.advance(JIT_WARMUP_SHARE * sweepWork(plan, all));
    revisits.spreadOver(all.size() + twice.size());
    Sampler first = new Sampler(plan.firstVisitPlan());
    for (long size : twice) {
      sweepSize(probe, size, plan, first, findings, meter);
      revisits.next();
    }
    Sampler second = new Sampler(plan.secondVisitPlan());
    for (long size : twice.reversed()) {
      sweepSize(probe, size, plan, second, findings, meter);
      revisits.next();
    }
    Sampler cache = new Sampler(plan.cachePlan());
    Sampler memory = new Sampler(plan.memoryPlan());
    for (long size : all) {
      if (!plan.twoVisits(size)) {
        Sampler sampler = size > MemoryPlan.DENSE_BANDWIDTH_LIMIT ? memory : cache;
        sweepSize(probe, size, plan, sampler, findings, meter);
        revisits.next();
      }
    }
    meter.done();
  }

  /** The bandwidth sweep's sizes: the plan's, and the size for each tier found so far. */
  private static NavigableSet<Long> sweepSizes(MemoryPlan plan, MemoryFindings findings) {
    TreeSet<Long> all = new TreeSet<>(plan.bandwidthSizes());
    all.addAll(findings.tierBandwidthSizes());
    return all;
  }

  /** Progress units of the bandwidth sweep's points: one per size, visit, thread count, kernel. */
  private static double sweepWork(MemoryPlan plan, NavigableSet<Long> all) {
    long twice = all.stream().filter(plan::twoVisits).count();
    return (all.size() + twice)
        * plan.threadCounts().size()
        * (double) StreamKernel.values().length;
  }

  /**
   * The bandwidth step's meter, started before the workspaces are mapped and filled: on the
   * Firecracker guest filling them took 2.3-3.5 s (the host backs each page at its first write),
   * which the step showed no progress for while its meter started after. The fill counts as {@link
   * #FILL_SHARE} of the sweep's work, the JIT warm-up as {@link #JIT_WARMUP_SHARE}.
   */
  private static ProgressMeter bandwidthMeter(MeasureContext ctx, double work) {
    return new ProgressMeter(
        ctx.progress(), "memory: bandwidth sweep", (1 + FILL_SHARE + JIT_WARMUP_SHARE) * work);
  }

  /** Every thread count and kernel at one size; points measured before are pooled with these. */
  private static void sweepSize(
      BandwidthProbe probe,
      long size,
      MemoryPlan plan,
      Sampler sampler,
      MemoryFindings findings,
      ProgressMeter meter) {
    for (int threads : plan.threadCounts()) {
      for (StreamKernel k : StreamKernel.values()) {
        if (size / threads >= MIN_BYTES_PER_THREAD) {
          findings.keepBest(probe.measure(k, size, threads, sampler));
        }
        meter.advance(1);
      }
    }
  }

  /**
   * Memory-level parallelism and the loaded latency, chased in the bandwidth workspace's output
   * array (4 KiB pages, touched by worker 0 and backed already; the knee passes chase there too),
   * which holds the working set on every plan: worker 0's share is the largest size. A region of
   * its own cost the backing of 256 MiB more, about 0.4 s on the Firecracker guest, whose host
   * backs each page at its first write.
   */
  private static void parallelism(
      MeasureContext ctx,
      PinnedPool pool,
      BandwidthProbe streams,
      MemoryPlan plan,
      MemoryFindings findings,
      Unavailable unavailable) {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "memory: parallelism", 2);
    long size = plan.dramBytes(findings.measuredLlcBytes());
    MlpProbe mlp = new MlpProbe(pool, new Sampler(plan.latencyPlan()), plan.sampleTargetNs());
    MemorySegment room = streams.chaseRoom();
    try (OffHeap own = room.byteSize() >= size ? null : mapTouched(pool, size, PageSize.SMALL)) {
      MemorySegment region = own == null ? room : own.segment();
      findings.mlp = mlp.measure(region, size);
      meter.advance(1);
      Set<Integer> streamers = streamers(pool, ctx.machine().smtSiblings());
      if (streamers.isEmpty()) {
        unavailable.add(
            "memory.loadedLatency",
            "needs at least 2 cores: one chases while the other cores stream");
      } else {
        findings.loaded = mlp.loaded(region, size, streams, size / streamers.size(), streamers);
      }
    }
    meter.done();
  }
}

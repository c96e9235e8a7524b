package dev.anatomy.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measured machine as a model: bandwidth ceilings per tier and thread count for read-only,
 * write-only and mixed traffic (as curves over the working set), compute ceilings (scalar, SIMD,
 * with and without FMA; FP32 and FP64; one core and all cores), latency per tier, memory-level
 * parallelism, and the Amdahl/USL parameters. Built from one run ({@link ModelBuilder}), serialised
 * in the document's {@code model} section, and enough on its own for a prediction.
 *
 * @param cores CPUs the run could use (the most threads measured)
 * @param clockHz measured core clock, 0 if the compute part did not run
 * @param tiers memory tiers from L1 to DRAM
 * @param bandwidth traffic kind ("read", "write", "copy", "triad") to thread count to curve of
 *     bytes per second over the working set
 * @param latencyRandom latency (ns) of a random chase over the working set, 4 KiB pages: what a
 *     pointer-based structure sees
 * @param latencyGrouped latency (ns) of the tlb-grouped chase: the caches' and memory's own
 * @param memoryLevelParallelism how many misses one core overlaps: the best speedup of independent
 *     chases over one
 * @param compute compute ceilings
 * @param scaling Amdahl and USL parameters, when measured
 */
public record MachineModel(
    int cores,
    double clockHz,
    List<Tier> tiers,
    Map<String, Map<Integer, Curve>> bandwidth,
    Curve latencyRandom,
    Curve latencyGrouped,
    double memoryLevelParallelism,
    List<ComputeCeiling> compute,
    Optional<Scaling> scaling) {
  /** Version of the model section's shape. */
  public static final int VERSION = 1;

  /**
   * A memory tier.
   *
   * @param name L1, L2, L3 or DRAM
   * @param capacityBytes measured size, 0 for DRAM
   * @param latencyNs latency in the tier
   * @param privatePerCore whether each core has its own (L1, L2 as reported), so threads split the
   *     working set between their copies
   */
  public record Tier(String name, long capacityBytes, double latencyNs, boolean privatePerCore) {}

  /**
   * A compute ceiling.
   *
   * @param precision fp32 or fp64
   * @param simd on SIMD lanes
   * @param fma with fused multiply-adds
   * @param allCores every core, or one
   * @param flopsPerSecond the ceiling
   * @param source how it was derived from the measurements
   */
  public record ComputeCeiling(
      KernelSpec.Precision precision,
      boolean simd,
      boolean fma,
      boolean allCores,
      double flopsPerSecond,
      String source) {
    /**
     * A short name.
     *
     * @return e.g. "fp64 SIMD+FMA, all cores"
     */
    public String name() {
      return precision.name().toLowerCase(java.util.Locale.ROOT)
          + (simd ? " SIMD" : " scalar")
          + (fma ? "+FMA" : "")
          + (allCores ? ", all cores" : ", one core");
    }
  }

  /**
   * Multicore scaling parameters.
   *
   * @param amdahlSerialFraction fitted serial fraction of the compute-bound kernel
   * @param uslSigma USL contention, NaN when not fitted
   * @param uslKappa USL coherency, NaN when not fitted
   */
  public record Scaling(double amdahlSerialFraction, double uslSigma, double uslKappa) {}

  /**
   * Copies the collections.
   *
   * @param cores cores
   * @param clockHz clock
   * @param tiers tiers
   * @param bandwidth bandwidth curves
   * @param latencyRandom random latency curve
   * @param latencyGrouped grouped latency curve
   * @param memoryLevelParallelism MLP
   * @param compute compute ceilings
   * @param scaling scaling
   */
  public MachineModel {
    tiers = List.copyOf(tiers);
    bandwidth = Map.copyOf(bandwidth);
    compute = List.copyOf(compute);
  }

  /**
   * The tier that holds a working set: the first cache it fits in (a private cache holds each
   * thread's share, a shared one the whole set), else DRAM.
   *
   * @param workingSetBytes the whole working set
   * @param threads threads sharing it
   * @return the tier
   */
  public Tier tierOf(long workingSetBytes, int threads) {
    for (Tier t : tiers) {
      if (t.capacityBytes() <= 0) {
        return t;
      }
      long share = t.privatePerCore() ? workingSetBytes / Math.max(1, threads) : workingSetBytes;
      if (share <= t.capacityBytes()) {
        return t;
      }
    }
    return tiers.get(tiers.size() - 1);
  }

  /**
   * The compute ceiling for a kind of code.
   *
   * @param precision fp32 or fp64
   * @param simd vectorised
   * @param fma with FMAs
   * @param allCores every core
   * @return the ceiling, if measured
   */
  public Optional<ComputeCeiling> ceiling(
      KernelSpec.Precision precision, boolean simd, boolean fma, boolean allCores) {
    return compute.stream()
        .filter(
            c ->
                c.precision() == precision
                    && c.simd() == simd
                    && c.fma() == fma
                    && c.allCores() == allCores)
        .findFirst();
  }

  /**
   * The bandwidth curve for a traffic kind at a thread count: the measured count nearest below, or
   * the smallest measured.
   *
   * @param kind read, write, copy or triad
   * @param threads threads
   * @return the curve and the thread count it was measured at
   */
  public Optional<Map.Entry<Integer, Curve>> bandwidthCurve(String kind, int threads) {
    Map<Integer, Curve> byThreads = bandwidth.get(kind);
    if (byThreads == null || byThreads.isEmpty()) {
      return Optional.empty();
    }
    return byThreads.entrySet().stream()
        .filter(e -> e.getKey() <= threads)
        .max(Map.Entry.comparingByKey())
        .or(() -> byThreads.entrySet().stream().min(Map.Entry.comparingByKey()))
        .map(e -> Map.entry(e.getKey(), e.getValue()));
  }
}

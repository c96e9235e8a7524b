package dev.anatomy.model;

import java.util.List;

/**
 * What the model predicts for a kernel.
 *
 * @param kernel the kernel as described
 * @param predictedSeconds predicted wall time
 * @param attainableFlopsPerSecond the kernel's FLOP/s at that time
 * @param attainableBytesPerSecond the kernel's bytes moved per second at that time
 * @param bound what limits it
 * @param computeSeconds time the arithmetic alone would take at its ceiling
 * @param dataSeconds time the data transfers alone would take (bandwidth or latency)
 * @param serialSeconds time spent in the serial fraction
 * @param ecmSeconds the ECM-style estimate: in-core time plus the non-overlapping transfer time
 *     from each tier to the next, summed
 * @param transfers the per-tier transfer times the ECM-style estimate sums
 * @param ceilings every ceiling, with how far the kernel is from it
 * @param assumptions what the model assumed, in words
 */
public record Prediction(
    KernelSpec kernel,
    double predictedSeconds,
    double attainableFlopsPerSecond,
    double attainableBytesPerSecond,
    Bound bound,
    double computeSeconds,
    double dataSeconds,
    double serialSeconds,
    double ecmSeconds,
    List<Transfer> transfers,
    List<Ceiling> ceilings,
    List<String> assumptions) {
  /**
   * What limits a kernel.
   *
   * @param kind bandwidth, latency, compute or serial
   * @param tier L1, L2, L3, DRAM, or core
   */
  public record Bound(String kind, String tier) {}

  /**
   * Time to move the kernel's bytes from one tier to the next nearer the core.
   *
   * @param from the farther tier
   * @param to the nearer tier (or "core" for L1)
   * @param seconds the time this step adds
   */
  public record Transfer(String from, String to, double seconds) {}

  /**
   * One ceiling of the roofline and the kernel's place under it.
   *
   * @param name e.g. "fp64 SIMD+FMA, one core" or "DRAM triad"
   * @param kind compute or bandwidth
   * @param value FLOP/s or B/s
   * @param secondsAtCeiling the kernel's time were this the only limit
   * @param headroom that time over the predicted time: 1 at the binding ceiling, below 1 for
   *     ceilings the kernel is far from
   */
  public record Ceiling(
      String name, String kind, double value, double secondsAtCeiling, double headroom) {}

  /**
   * Copies the lists.
   *
   * @param kernel kernel
   * @param predictedSeconds seconds
   * @param attainableFlopsPerSecond flops
   * @param attainableBytesPerSecond bytes
   * @param bound bound
   * @param computeSeconds compute
   * @param dataSeconds data
   * @param serialSeconds serial
   * @param ecmSeconds ecm
   * @param transfers transfers
   * @param ceilings ceilings
   * @param assumptions assumptions
   */
  public Prediction {
    transfers = List.copyOf(transfers);
    ceilings = List.copyOf(ceilings);
    assumptions = List.copyOf(assumptions);
  }
}

package dev.anatomy.store;

import dev.anatomy.result.FigureIndex;
import java.util.EnumMap;
import java.util.Map;

/**
 * The figures a run is summed up by in {@code anatomy history}, each stored in a column of its own
 * so a fleet's store can be queried without parsing documents. A headline a run did not measure is
 * absent (a null column), never zero.
 */
public enum Headline {
  /** Load-to-use latency of the first cache level. */
  L1_LATENCY_NS("l1LatencyNs", "l1_latency_ns", "memory.levels[L1].latencyNs", "L1 lat", "ns"),
  /** Latency of main memory. */
  DRAM_LATENCY_NS(
      "dramLatencyNs", "dram_latency_ns", "memory.levels[DRAM].latencyNs", "DRAM lat", "ns"),
  /** Main memory bandwidth, triad, all threads. */
  DRAM_TRIAD_BYTES_PER_SECOND(
      "dramTriadBytesPerSecond",
      "dram_triad_bytes_per_second",
      "memory.levels[DRAM].triadBytesPerSecondAllThreads",
      "DRAM triad",
      "B/s"),
  /** Core clock under load, one core. */
  CLOCK_HZ("clockHz", "clock_hz", "compute.clockHz", "clock", "Hz"),
  /** Peak double-precision FLOP/s, all cores. */
  FP64_FLOPS_ALL_CORES(
      "fp64FlopsAllCores",
      "fp64_flops_all_cores",
      "compute.peakFlops.fp64AllCores",
      "FP64 peak",
      "FLOP/s"),
  /** Sequential disk read, 1 MiB blocks. */
  DISK_READ_BYTES_PER_SECOND(
      "diskReadBytesPerSecond",
      "disk_read_bytes_per_second",
      "storage.sequentialReadBytesPerSecond",
      "disk read",
      "B/s"),
  /** Random 4 KiB disk reads per second, queue depth 1. */
  DISK_RANDOM_READ_IOPS(
      "diskRandomReadIops", "disk_random_read_iops", "storage.randomReadIops", "disk IOPS", "IOPS");

  private final String key;
  private final String column;
  private final String path;
  private final String label;
  private final String unit;

  Headline(String key, String column, String path, String label, String unit) {
    this.key = key;
    this.column = column;
    this.path = path;
    this.label = label;
    this.unit = unit;
  }

  /**
   * The key in {@code history --json}.
   *
   * @return e.g. "l1LatencyNs"
   */
  public String key() {
    return key;
  }

  /**
   * The store's column.
   *
   * @return e.g. "l1_latency_ns"
   */
  public String column() {
    return column;
  }

  /**
   * The figure's path in a document (see {@link FigureIndex}).
   *
   * @return e.g. "memory.levels[L1].latencyNs"
   */
  public String path() {
    return path;
  }

  /**
   * A short column heading.
   *
   * @return e.g. "L1 lat"
   */
  public String label() {
    return label;
  }

  /**
   * The figure's unit.
   *
   * @return e.g. "ns"
   */
  public String unit() {
    return unit;
  }

  /**
   * The headlines a document has.
   *
   * @param figures the document's figures by path
   * @return headline to value, only those present
   */
  public static Map<Headline, Double> of(Map<String, FigureIndex.Entry> figures) {
    Map<Headline, Double> out = new EnumMap<>(Headline.class);
    for (Headline h : values()) {
      FigureIndex.Entry e = figures.get(h.path);
      if (e != null) {
        out.put(h, e.figure().value());
      }
    }
    return out;
  }
}

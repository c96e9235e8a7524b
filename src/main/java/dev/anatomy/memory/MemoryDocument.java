package dev.anatomy.memory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.inventory.CacheInfo;
import dev.anatomy.inventory.Machine;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Json;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.Sizes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Writes the memory part's section of the document. */
final class MemoryDocument {
  private MemoryDocument() {}

  static ObjectNode write(Machine machine, MemoryFindings f, Unavailable unavailable) {
    ObjectNode section = Json.object();
    ObjectNode notes = section.putObject("method");
    notes.put("writeAllocateCounted", false);
    notes.put(
        "bytesCounted",
        "bytes each kernel loads and stores, as STREAM counts them: read 8, write 8, copy 16,"
            + " triad 24 per element; the line a store first reads into the cache is not counted");
    notes.put("loops", StreamLoops.best().description());
    notes.put("tiers", "knees of the tlb-grouped, 4 KiB-page latency curve");
    var pages = notes.putArray("pages");
    for (MemoryFindings.PageCoverage c : f.pages) {
      ObjectNode o = pages.addObject();
      o.put("requestedPageSizeBytes", c.requestedPageBytes());
      o.put("regionBytes", c.regionBytes());
      o.put("anonHugePageBytes", c.anonHugeBytes());
    }
    section.set("levels", levels(machine, f, unavailable));
    section.set("latencyCurve", latencyCurve(f.latency));
    section.set("bandwidthCurve", bandwidthCurve(f.bandwidth));
    if (f.mlp != null) {
      section.set("memoryLevelParallelism", mlp(f.mlp));
    }
    if (f.loaded != null) {
      section.set("loadedLatency", loaded(f.loaded));
    }
    return section;
  }

  static String tierName(int index, int count) {
    return tierName(index, count, true);
  }

  static String tierName(int index, int count, boolean lastIsMemory) {
    if (lastIsMemory && index == count - 1) {
      return "DRAM";
    }
    return "L" + (index + 1);
  }

  private static ArrayNode levels(Machine machine, MemoryFindings f, Unavailable unavailable) {
    ArrayNode levels = Json.array();
    List<TierFinder.Tier> tiers = f.tiers();
    int maxThreads = f.plan.threadCounts().get(f.plan.threadCounts().size() - 1);
    for (int i = 0; i < tiers.size(); i++) {
      TierFinder.Tier t = tiers.get(i);
      String name = tierName(i, tiers.size(), f.memoryReached());
      ObjectNode level = levels.addObject();
      level.put("name", name);
      if (t.capacityBytes() > 0) {
        level.put("sizeBytes", t.capacityBytes());
      } else {
        level.putNull("sizeBytes");
      }
      Optional<Long> reported = reportedSize(machine, name);
      if (reported.isPresent()) {
        level.put("reportedSizeBytes", reported.get());
      } else {
        level.putNull("reportedSizeBytes");
      }
      Optional<LatencyPoint> latency =
          t.capacityBytes() > 0 ? f.plateauPoint(t) : f.latencyNear(f.plan.latencyMaxBytes());
      latency.ifPresent(
          p -> {
            Figures.put(level, "latencyNs", p.latency());
            level.put("latencyWorkingSetBytes", p.sizeBytes());
          });
      long bwAt = f.tierBandwidthSize(t);
      level.put("bandwidthWorkingSetBytes", bwAt);
      boolean dram = "DRAM".equals(name);
      Bandwidths at =
          (key, k, threads) -> {
            Optional<String> why = bandwidthMissing(f, dram, bwAt, threads);
            Optional<BandwidthPoint> p = f.bandwidthAt(k, threads, bwAt);
            if (why.isEmpty() && p.isPresent()) {
              Figures.put(level, key, p.get().bandwidth());
            } else {
              unavailable.add(
                  "memory.levels." + name + "." + key,
                  why.orElse(
                      "not measured at the tier's "
                          + Sizes.format(bwAt)
                          + " on "
                          + threads
                          + (threads == 1 ? " thread" : " threads")
                          + ": the tier moved in the last pass to a size past the dense sweep"));
            }
          };
      at.put("readBytesPerSecond", StreamKernel.READ, 1);
      at.put("writeBytesPerSecond", StreamKernel.WRITE, 1);
      at.put("copyBytesPerSecond", StreamKernel.COPY, 1);
      at.put("triadBytesPerSecond", StreamKernel.TRIAD, 1);
      at.put("readBytesPerSecondAllThreads", StreamKernel.READ, maxThreads);
      at.put("triadBytesPerSecondAllThreads", StreamKernel.TRIAD, maxThreads);
    }
    return levels;
  }

  /** Puts one of a tier's bandwidth figures. */
  @FunctionalInterface
  private interface Bandwidths {
    void put(String key, StreamKernel kernel, int threads);
  }

  /**
   * Why a tier's bandwidth at a size would not be the tier's: a share under {@link
   * MemoryPart#MIN_BYTES_PER_THREAD} per thread is not run, and memory's figure must come from at
   * least 4x the last cache found (a quick card's bandwidth curve ends at 4x the reported one).
   */
  private static Optional<String> bandwidthMissing(
      MemoryFindings f, boolean dram, long size, int threads) {
    if (size / threads < MemoryPart.MIN_BYTES_PER_THREAD) {
      return Optional.of(
          "not measured at the tier's "
              + Sizes.format(size)
              + ": "
              + threads
              + " threads would get under "
              + Sizes.format(MemoryPart.MIN_BYTES_PER_THREAD)
              + " each");
    }
    long llc = f.measuredLlcBytes();
    if (dram && size < 4 * llc) {
      return Optional.of(
          "the bandwidth curve ends at "
              + Sizes.format(size)
              + ", under 4x the last cache found ("
              + Sizes.format(llc)
              + "); raise --max-size to measure memory's bandwidth");
    }
    return Optional.empty();
  }

  /** The reported size of the cache a tier corresponds to; DRAM reports total memory. */
  static Optional<Long> reportedSize(Machine machine, String name) {
    if ("DRAM".equals(name)) {
      return Optional.of(machine.memoryTotalBytes());
    }
    int level = Integer.parseInt(name.substring(1));
    return machine.dataCache(level).map(CacheInfo::sizeBytes);
  }

  private static ArrayNode latencyCurve(List<LatencyPoint> points) {
    ArrayNode curve = Json.array();
    points.stream()
        .sorted(
            Comparator.comparing((LatencyPoint p) -> p.variant().label())
                .thenComparingLong(LatencyPoint::pageSizeBytes)
                .thenComparingLong(LatencyPoint::sizeBytes))
        .forEach(
            p -> {
              ObjectNode o = curve.addObject();
              o.put("sizeBytes", p.sizeBytes());
              o.put("variant", p.variant().label());
              o.put("pageSizeBytes", p.pageSizeBytes());
              Figures.put(o, "latencyNs", p.latency());
            });
    return curve;
  }

  private static ArrayNode bandwidthCurve(List<BandwidthPoint> points) {
    ArrayNode curve = Json.array();
    points.stream()
        .sorted(
            Comparator.comparing((BandwidthPoint b) -> b.kernel())
                .thenComparingInt(BandwidthPoint::threads)
                .thenComparingLong(BandwidthPoint::sizeBytes))
        .forEach(
            b -> {
              ObjectNode o = curve.addObject();
              o.put("sizeBytes", b.sizeBytes());
              o.put("threads", b.threads());
              o.put("kernel", b.kernel().label());
              Figures.put(o, "bytesPerSecond", b.bandwidth());
            });
    return curve;
  }

  private static ObjectNode mlp(MlpProbe.MlpResult r) {
    ObjectNode o = Json.object();
    o.put("workingSetBytes", r.workingSetBytes());
    ArrayNode points = o.putArray("chains");
    for (MlpProbe.MlpPoint p : r.points()) {
      ObjectNode e = points.addObject();
      e.put("chains", p.chains());
      Figures.put(e, "nsPerLoad", p.nsPerLoad());
      e.put("speedup", p.speedup());
    }
    return o;
  }

  private static ObjectNode loaded(MlpProbe.LoadedLatency l) {
    ObjectNode o = Json.object();
    o.put("workingSetBytes", l.workingSetBytes());
    Figures.put(o, "idleLatencyNs", l.idle());
    Figures.put(o, "loadedLatencyNs", l.loaded());
    o.put("streamingThreads", l.streamingThreads());
    o.put("streamBytesPerSecond", l.streamBytesPerSecond());
    return o;
  }
}

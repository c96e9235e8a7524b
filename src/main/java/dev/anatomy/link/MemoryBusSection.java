package dev.anatomy.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Sampler;
import dev.anatomy.inventory.CacheInfo;
import dev.anatomy.memory.BandwidthPoint;
import dev.anatomy.memory.StreamBenchmark;
import dev.anatomy.memory.StreamKernel;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.MeasureContext;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The memory bus: STREAM copy and triad on arrays of at least 4x the last-level cache, on one
 * thread and on every CPU, whether one core saturates the bus, and the theoretical bandwidth where
 * the firmware reports the memory modules.
 */
final class MemoryBusSection {
  /** One thread reaching this share of all threads' bandwidth saturates the bus. */
  static final double SATURATION_SHARE = 0.9;

  /** Arrays no smaller than this, whatever the cache. */
  static final long MIN_ARRAY_BYTES = 64L << 20;

  private MemoryBusSection() {}

  static void measure(
      MeasureContext ctx, ObjectNode links, Unavailable un, ConnectionsTable table) {
    long llc = ctx.machine().lastLevelCache().map(CacheInfo::sizeBytes).orElse(0L);
    long perArray =
        ctx.effort() == dev.anatomy.run.Effort.QUICK
            ? quickArrayBytes(llc, ctx.memoryLimit().budgetBytes(), ctx.cpus().size())
            : arrayBytes(llc, ctx.memoryLimit().budgetBytes(), ctx.cpus().size());
    int cpus = ctx.cpus().size();
    Sampler.Plan plan = new Sampler.Plan(1, 3, 2, 0.05, ctx.effort().pick(3, 5, 9));
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "links: memory bus", 5);
    ObjectNode bus = links.putObject("memoryBus");
    BandwidthPoint copy1;
    BandwidthPoint copyAll;
    BandwidthPoint triad1;
    BandwidthPoint triadAll;
    try (StreamBenchmark b = StreamBenchmark.open(ctx.cpuArray(), perArray, plan)) {
      meter.advance(1);
      if (!b.pinned()) {
        un.add("links.memoryBus.pinning", "the kernel refused to pin threads; they ran unpinned");
      }
      copy1 = b.measure(StreamKernel.COPY, 1);
      meter.advance(1);
      copyAll = cpus == 1 ? copy1 : b.measure(StreamKernel.COPY, cpus);
      meter.advance(1);
      triad1 = b.measure(StreamKernel.TRIAD, 1);
      meter.advance(1);
      triadAll = cpus == 1 ? triad1 : b.measure(StreamKernel.TRIAD, cpus);
      bus.put("method", b.method(StreamKernel.TRIAD));
    }
    meter.done();
    bus.put("bytesPerArray", perArray);
    bus.put("reportedLastLevelCacheBytes", llc);
    bus.put("arraysAtLeastFourTimesLastLevelCache", llc > 0 && perArray >= 4 * llc);
    bus.put("arraysTogetherAtLeastFourTimesLastLevelCache", llc > 0 && 3 * perArray >= 4 * llc);
    bus.put("threads", cpus);
    Figures.put(bus, "copyBytesPerSecond", copy1.bandwidth());
    Figures.put(bus, "copyBytesPerSecondAllThreads", copyAll.bandwidth());
    Figures.put(bus, "triadBytesPerSecond", triad1.bandwidth());
    Figures.put(bus, "triadBytesPerSecondAllThreads", triadAll.bandwidth());
    double share = triad1.bandwidth().value() / triadAll.bandwidth().value();
    bus.put("singleThreadShareOfAllThreads", share);
    bus.put("oneCoreSaturates", share >= SATURATION_SHARE);
    bus.put(
        "oneCoreSaturatesMethod",
        "one thread's triad reaches at least " + SATURATION_SHARE + " of all threads' triad");
    OptionalDouble theory = theory(bus, un);
    theory.ifPresent(t -> bus.put("triadShareOfTheoretical", triadAll.bandwidth().value() / t));
    table.add(
        new ConnectionsTable.Row(
            "memory bus (CPU to DRAM)",
            OptionalDouble.of(triadAll.bandwidth().value()),
            theory,
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            "measured: STREAM triad on all "
                + cpus
                + " CPUs (24 bytes per element); "
                + (theory.isPresent()
                    ? "theoretical: channels x width x rate of the reported modules"
                    : "theoretical: " + un.asMap().get("links.memoryBus.theoreticalBytesPerSecond"))
                + "; latency: see memory.levels (DRAM)"));
  }

  /**
   * A quick card's arrays: together (not each) at least 4x the last-level cache, and 32 MiB each at
   * least; a third of the memory to touch, and still far past every cache.
   */
  static long quickArrayBytes(long llc, long budget, int cpus) {
    long mib = 1L << 20;
    long want = Math.max(32 * mib, (4 * llc + 2) / 3);
    want = (want + mib - 1) / mib * mib;
    while (want > 8 * mib && StreamBenchmark.footprintBytes(want, cpus) > budget) {
      want = want / 2 / mib * mib;
    }
    return want;
  }

  /**
   * Bytes of each array: 4x the reported last-level cache, at least 64 MiB, halved until what the
   * workers map fits the memory budget.
   *
   * @param llc the reported last-level cache, 0 if none
   * @param budget bytes that may be mapped
   * @param cpus workers
   * @return bytes, a multiple of 1 MiB
   */
  static long arrayBytes(long llc, long budget, int cpus) {
    long want = Math.max(MIN_ARRAY_BYTES, 4 * llc);
    long mib = 1L << 20;
    want = (want + mib - 1) / mib * mib;
    while (want > 8 * mib && StreamBenchmark.footprintBytes(want, cpus) > budget) {
      want = want / 2 / mib * mib;
    }
    return want;
  }

  private static OptionalDouble theory(ObjectNode bus, Unavailable un) {
    MemoryDevices.Result modules = MemoryDevices.read();
    String key = "links.memoryBus.theoreticalBytesPerSecond";
    if (modules.modules().isEmpty()) {
      un.add(key, modules.whyNone());
      return OptionalDouble.empty();
    }
    Optional<MemoryDevices.Theory> t = MemoryDevices.theory(modules.modules());
    if (t.isEmpty()) {
      un.add(key, "the memory modules report no speed or bus width");
      return OptionalDouble.empty();
    }
    MemoryDevices.Theory th = t.get();
    bus.put("theoreticalBytesPerSecond", th.bytesPerSecond());
    ObjectNode o = bus.putObject("theoretical");
    o.put("channels", th.channels());
    o.put("widthBits", th.widthBits());
    o.put("megaTransfersPerSecond", th.mtPerSecond());
    o.put("channelsFrom", th.channelsFrom());
    o.put("modules", modules.modules().size());
    o.put("source", "SMBIOS type 17 (/sys/firmware/dmi/entries/17-*/raw)");
    return OptionalDouble.of(th.bytesPerSecond());
  }
}

package dev.anatomy.link;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.MeasureContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The PCI bus to each GPU and the GPU's own memory (see {@link GpuProbe}); without a driver or a
 * GPU, {@code links.pcie} is unavailable with the reason, and any display controller the bus
 * reports is listed with its link as reported.
 */
final class PcieSection {
  /** Bytes per copy at the default effort; the issue asks for at least 64 MiB. */
  static final long COPY_BYTES = 64L << 20;

  private PcieSection() {}

  static void measure(
      MeasureContext ctx, ObjectNode links, Unavailable un, ConnectionsTable table) {
    ProgressMeter meter = new ProgressMeter(ctx.progress(), "links: PCIe", 1);
    long bytes = COPY_BYTES * ctx.effort().pick(1, 2, 4);
    GpuProbe.Result r = GpuProbe.measure(bytes, ctx.effort().pick(3, 5, 9), ctx.cpus());
    meter.done();
    if (r.gpus().isEmpty()) {
      un.add("links.pcie", r.whyNone());
      reportedOnly(links, PcieLink.displayControllers());
      return;
    }
    ObjectNode pcie = links.putObject("pcie");
    pcie.put("driverVersion", r.driverVersion());
    pcie.put("copyBytes", bytes);
    ArrayNode gpus = pcie.putArray("gpus");
    for (GpuProbe.Gpu g : r.gpus()) {
      gpus.add(gpu(g, bytes, table));
    }
  }

  static ObjectNode gpu(GpuProbe.Gpu g, long bytes, ConnectionsTable table) {
    ObjectNode o = dev.anatomy.result.Json.object();
    o.put("ordinal", g.ordinal());
    o.put("name", g.name());
    o.put("memoryBytes", g.memoryBytes());
    o.put("pciAddress", g.pciAddress());
    o.put("multiprocessors", g.multiprocessors());
    OptionalDouble linkTheory = OptionalDouble.empty();
    if (g.link().isPresent()) {
      o.set("link", link(g.link().get()));
      linkTheory = OptionalDouble.of(g.link().get().theoreticalBytesPerSecond());
    } else {
      o.putNull("link");
    }
    for (String copy : GpuProbe.COPIES) {
      Figure f =
          Figure.of(g.copies().get(copy), Statistic.MEDIAN, "B/s", method(copy, bytes))
              .withVariant(copy);
      Figures.put(o, copy + "BytesPerSecond", f);
    }
    double memTheory = g.memoryTheoreticalBytesPerSecond();
    ObjectNode mem = o.putObject("memory");
    mem.put("clockKhz", g.memoryClockKhz());
    mem.put("busWidthBits", g.memoryBusBits());
    if (memTheory > 0) {
      mem.put("theoreticalBytesPerSecond", memTheory);
    } else {
      mem.putNull("theoreticalBytesPerSecond");
    }
    String name = "GPU " + g.ordinal() + " (" + g.name() + ")";
    String linkNote =
        linkTheory.isPresent()
            ? "theoretical: lanes x rate x encoding / 8 of the link sysfs reports"
            : "theoretical: sysfs reports no link for " + g.pciAddress();
    for (String copy : List.of("hostToDevicePinned", "deviceToHostPinned")) {
      table.add(
          new ConnectionsTable.Row(
              "PCIe to " + name + ", " + copy,
              OptionalDouble.of(o.get(copy + "BytesPerSecond").asDouble()),
              linkTheory,
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              "measured: median of pinned copies of " + (bytes >> 20) + " MiB; " + linkNote));
    }
    table.add(
        new ConnectionsTable.Row(
            name + " memory",
            OptionalDouble.of(2 * o.get("deviceToDeviceBytesPerSecond").asDouble()),
            memTheory > 0 ? OptionalDouble.of(memTheory) : OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            "measured: a device-to-device copy reads and writes each byte, so twice the copy"
                + " rate; theoretical: memory clock x 2 x bus width / 8 as the driver reports"));
    return o;
  }

  private static ObjectNode link(PcieLink l) {
    ObjectNode o = dev.anatomy.result.Json.object();
    o.put("generation", l.generation());
    o.put("gigaTransfersPerSecond", l.gigaTransfersPerSecond());
    o.put("lanes", l.lanes());
    o.put("maxGigaTransfersPerSecond", l.maxGigaTransfersPerSecond());
    o.put("maxLanes", l.maxLanes());
    o.put("encoding", PcieLink.encoding(l.gigaTransfersPerSecond()));
    o.put("theoreticalBytesPerSecond", l.theoreticalBytesPerSecond());
    o.put("numaNode", l.numaNode());
    o.put("reported", true);
    return o;
  }

  private static void reportedOnly(ObjectNode links, List<String> addresses) {
    ArrayNode a = null;
    for (String address : addresses) {
      Optional<PcieLink> l = PcieLink.read(address);
      if (l.isPresent()) {
        if (a == null) {
          a = links.putArray("pcieReported");
        }
        ObjectNode o = link(l.get());
        o.put("pciAddress", address);
        a.add(o);
      }
    }
  }

  private static String method(String copy, long bytes) {
    return "cuMemcpy "
        + copy
        + " of "
        + (bytes >> 20)
        + " MiB, timed on the host around the copy and cuCtxSynchronize; "
        + (copy.contains("Pinned") ? "host buffer from cuMemAllocHost (page-locked)" : "")
        + (copy.contains("Pageable") ? "ordinary (pageable) host buffer" : "")
        + (copy.equals("deviceToDevice") ? "bytes copied, each read once and written once" : "")
        + "; each sample one copy, the figure their median";
  }
}

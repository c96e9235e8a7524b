package dev.anatomy.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.result.Json;
import dev.anatomy.result.PartResult;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.MeasureContext;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.Part;
import java.time.Duration;

/**
 * The connections between the units: the memory bus, the network (loopback, and a peer host), and
 * the PCI bus to each GPU, then a table of every link with measured and theoretical bandwidth and
 * latency side by side. A sub-probe that fails mid-way is unavailable with the reason and the
 * others still run.
 */
public final class LinksPart implements Part {
  /** How long {@link #validate} waits for a peer to answer. */
  static final Duration PEER_CHECK_TIMEOUT = Duration.ofSeconds(3);

  @Override
  public String name() {
    return "links";
  }

  @Override
  public void validate(MeasureOptions options) {
    options.peer().ifPresent(p -> NetworkSection.validatePeer(p, PEER_CHECK_TIMEOUT));
  }

  @Override
  public PartResult measure(MeasureContext ctx) {
    Unavailable un = new Unavailable();
    ObjectNode links = Json.object();
    ConnectionsTable table = new ConnectionsTable();
    step(ctx, "links.memoryBus", un, () -> MemoryBusSection.measure(ctx, links, un, table));
    step(ctx, "links.network", un, () -> NetworkSection.measure(ctx, links, un, table));
    step(ctx, "links.pcie", un, () -> PcieSection.measure(ctx, links, un, table));
    links.set("connections", table.toJson());
    return new PartResult(name(), links, un.asMap(), ctx.noise().records(), true);
  }

  private static void step(MeasureContext ctx, String key, Unavailable un, Runnable body) {
    try {
      ctx.noise().watch(key, body);
    } catch (RuntimeException e) {
      un.add(key, "failed mid-way: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}

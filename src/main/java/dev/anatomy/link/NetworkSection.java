package dev.anatomy.link;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Statistic;
import dev.anatomy.result.Figure;
import dev.anatomy.result.Figures;
import dev.anatomy.result.LatencyFigures;
import dev.anatomy.result.Unavailable;
import dev.anatomy.run.MeasureContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The network: TCP round trips and streaming on loopback, against a peer started in this JVM, and
 * against a remote {@code anatomy serve} when {@code --peer} names one.
 */
final class NetworkSection {
  private NetworkSection() {}

  static void measure(
      MeasureContext ctx, ObjectNode links, Unavailable un, ConnectionsTable table) {
    ObjectNode net = links.putObject("network");
    NetworkProbe.Plan plan = NetworkProbe.Plan.of(ctx.effort(), ctx.cpus().size());
    try (PeerServer server = PeerServer.start(PeerServer.Config.loopback())) {
      ProgressMeter meter =
          new ProgressMeter(ctx.progress(), "links: loopback TCP", NetworkProbe.work(plan));
      NetworkProbe.Findings f = NetworkProbe.measure(server.address(), plan, meter);
      meter.done();
      ObjectNode loop = net.putObject("loopback");
      loop.put("address", PeerAddress.format(server.address()));
      write(loop, f, plan);
      table.add(
          row(
              "network, loopback TCP (this host to itself)",
              loop,
              OptionalDouble.empty(),
              "theoretical: loopback has no line rate, it is a memory copy in the kernel"));
    } catch (IOException | RuntimeException e) {
      un.add("links.network.loopback", "failed mid-way: " + e.getMessage());
    }
    ctx.options().peer().ifPresent(p -> peer(ctx, p, plan, net, un, table));
  }

  private static void peer(
      MeasureContext ctx,
      String text,
      NetworkProbe.Plan plan,
      ObjectNode net,
      Unavailable un,
      ConnectionsTable table) {
    try {
      InetSocketAddress address = PeerAddress.resolve("--peer", PeerAddress.parse("--peer", text));
      Optional<NetInterfaces.Nic> nic;
      try (PeerClient probe = PeerClient.connect(address, plan.timeout())) {
        nic = NetInterfaces.of(probe.localAddress().getAddress());
        probe.bye();
      }
      ProgressMeter meter =
          new ProgressMeter(ctx.progress(), "links: TCP to " + text, NetworkProbe.work(plan));
      NetworkProbe.Findings f = NetworkProbe.measure(address, plan, meter);
      meter.done();
      ObjectNode o = net.putObject("peer");
      o.put("address", PeerAddress.format(address));
      OptionalDouble line = OptionalDouble.empty();
      String note = "theoretical: the interface reports no line rate";
      if (nic.isPresent()) {
        o.put("interface", nic.get().name());
        o.put("mtu", nic.get().mtu());
        if (nic.get().speedBitsPerSecond().isPresent()) {
          long bits = nic.get().speedBitsPerSecond().getAsLong();
          o.put("interfaceSpeedBitsPerSecond", bits);
          line = OptionalDouble.of(bits / 8.0);
          note = "theoretical: " + nic.get().name() + "'s reported line rate / 8 (no TCP overhead)";
        } else {
          un.add(
              "links.network.peer.interfaceSpeedBitsPerSecond",
              nic.get().name()
                  + " reports no speed (/sys/class/net/"
                  + nic.get().name()
                  + "/speed is -1 or unreadable, as for virtual NICs)");
        }
      }
      write(o, f, plan);
      table.add(row("network, TCP to peer " + PeerAddress.format(address), o, line, note));
    } catch (IOException | RuntimeException e) {
      un.add("links.network.peer", "failed mid-way: " + e.getMessage());
    }
  }

  /**
   * Checks that a peer answers as an anatomy peer, before anything is measured.
   *
   * @param text HOST:PORT
   * @param timeout for the connect and the handshake
   * @throws dev.anatomy.run.UsageException if it does not
   */
  static void validatePeer(String text, Duration timeout) {
    InetSocketAddress address = PeerAddress.resolve("--peer", PeerAddress.parse("--peer", text));
    try (PeerClient c = PeerClient.connect(address, timeout)) {
      c.bye();
    } catch (IOException e) {
      throw new dev.anatomy.run.UsageException("--peer " + text + ": " + e.getMessage(), e);
    }
  }

  private static void write(ObjectNode o, NetworkProbe.Findings f, NetworkProbe.Plan plan) {
    o.put("messageBytes", plan.messageBytes());
    o.put("connections", f.connections());
    LatencyFigures.put(o, "tcpRoundTripNs", f.roundTrips(), NetworkProbe.latencyMethod(plan), "");
    Figures.put(
        o,
        "tcpBytesPerSecond",
        Figure.of(f.oneConnection(), Statistic.MEDIAN, "B/s", NetworkProbe.streamMethod(plan, 1))
            .withVariant("1 connection"));
    Figures.put(
        o,
        "tcpBytesPerSecondParallel",
        Figure.of(
                f.parallel(),
                Statistic.MEDIAN,
                "B/s",
                NetworkProbe.streamMethod(plan, f.connections()))
            .withVariant(f.connections() + " connections"));
  }

  private static ConnectionsTable.Row row(
      String link, ObjectNode o, OptionalDouble theory, String note) {
    return new ConnectionsTable.Row(
        link,
        OptionalDouble.of(o.get("tcpBytesPerSecond").asDouble()),
        theory,
        OptionalDouble.of(o.get("tcpRoundTripNs").get("p50").asDouble()),
        OptionalDouble.empty(),
        "measured: one TCP connection's stream, and the median round trip; " + note);
  }
}

package dev.anatomy.link;

import dev.anatomy.harness.Progress;
import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.run.Effort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;

/**
 * Both ends of {@link NetworkNamespacesTest}, each run by {@code ip netns exec} in its own
 * namespace: {@code serve ADDR} prints "listening HOST:PORT" and serves until its stdin closes;
 * {@code measure HOST:PORT} measures against it and prints one line of results.
 */
public final class NetnsPeerMain {
  private NetnsPeerMain() {}

  /**
   * Runs one end.
   *
   * @param args "serve ADDR" or "measure HOST:PORT"
   * @throws IOException on failure
   */
  public static void main(String[] args) throws IOException {
    if ("serve".equals(args[0])) {
      try (PeerServer s =
          PeerServer.start(
              new PeerServer.Config(
                  InetAddress.getByName(args[1]), 0, 8, Duration.ofSeconds(10)))) {
        System.out.println("listening " + PeerAddress.format(s.address()));
        System.out.flush();
        System.in.readAllBytes();
      }
      return;
    }
    InetSocketAddress peer = PeerAddress.resolve("--peer", PeerAddress.parse("--peer", args[1]));
    String nic;
    try (PeerClient c = PeerClient.connect(peer, Duration.ofSeconds(5))) {
      nic =
          NetInterfaces.of(c.localAddress().getAddress()).map(NetInterfaces.Nic::name).orElse("?");
      c.bye();
    }
    boolean loopbackReaches;
    try (PeerClient c =
        PeerClient.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.getPort()),
            Duration.ofSeconds(1))) {
      c.bye();
      loopbackReaches = true;
    } catch (PeerException e) {
      loopbackReaches = false;
    }
    NetworkProbe.Plan plan = NetworkProbe.Plan.of(Effort.QUICK, 2);
    NetworkProbe.Findings f =
        NetworkProbe.measure(peer, plan, new ProgressMeter(Progress.NONE, "netns", 1));
    long count = 0;
    double p50 = 0;
    for (var h : f.roundTrips()) {
      count += h.getTotalCount();
      p50 = Math.max(p50, h.getValueAtPercentile(50));
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "interface=%s loopbackReachesPeer=%b roundTrips=%d p50Ns=%.0f bytesPerSecond=%.0f"
                + " parallelBytesPerSecond=%.0f",
            nic,
            loopbackReaches,
            count,
            p50,
            f.oneConnection().median(),
            f.parallel().median()));
  }
}

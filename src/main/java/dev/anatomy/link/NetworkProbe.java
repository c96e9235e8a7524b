package dev.anatomy.link;

import dev.anatomy.harness.ProgressMeter;
import dev.anatomy.harness.Samples;
import dev.anatomy.result.LatencyFigures;
import dev.anatomy.run.Effort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * TCP between this host and a peer: round-trip latency by ping-pong of small messages, each round
 * trip timed into an HdrHistogram, and streaming throughput with one connection and with several at
 * once, each stream counted by the receiving peer.
 */
final class NetworkProbe {
  /**
   * What to run.
   *
   * @param messageBytes ping-pong message size
   * @param batch round trips per echo request
   * @param warmupNs untimed ping-pong before the rounds
   * @param rounds ping-pong rounds, one histogram each
   * @param roundNs length of a ping-pong round
   * @param writeBytes bytes per write of a stream (iperf3 writes 128 KiB)
   * @param streamNs length of one stream
   * @param streamSamples streams per connection count
   * @param connections connections of the parallel figure
   * @param timeout longest wait for any read or write
   */
  record Plan(
      int messageBytes,
      int batch,
      long warmupNs,
      int rounds,
      long roundNs,
      int writeBytes,
      long streamNs,
      int streamSamples,
      int connections,
      Duration timeout) {
    static Plan of(Effort effort, int cpus) {
      return new Plan(
          16,
          200,
          (long) effort.pick(60e6, 150e6, 500e6),
          effort.pick(3, 5, 9),
          (long) effort.pick(40e6, 100e6, 300e6),
          128 * 1024,
          (long) effort.pick(100e6, 200e6, 1000e6),
          effort.pick(2, 3, 5),
          Math.max(2, Math.min(8, cpus)),
          Duration.ofSeconds(10));
    }
  }

  /**
   * What was measured.
   *
   * @param roundTrips one histogram per round, nanoseconds
   * @param oneConnection bytes per second of single streams
   * @param parallel bytes per second of {@code connections} streams together
   * @param connections the parallel streams' count
   */
  record Findings(
      List<Histogram> roundTrips, Samples oneConnection, Samples parallel, int connections) {}

  private NetworkProbe() {}

  /**
   * Measures round trips, then throughput.
   *
   * @param peer a running anatomy peer
   * @param plan what to run
   * @param meter progress, advanced per round and per stream
   * @return the findings
   * @throws IOException if the peer fails, stalls or breaks the protocol
   */
  static Findings measure(InetSocketAddress peer, Plan plan, ProgressMeter meter)
      throws IOException {
    List<Histogram> rounds = roundTrips(peer, plan, meter);
    double[] one = new double[plan.streamSamples()];
    double[] many = new double[plan.streamSamples()];
    ExecutorService pool =
        Executors.newFixedThreadPool(
            plan.connections(),
            r -> Thread.ofPlatform().daemon(true).name("anatomy-net-stream").unstarted(r));
    try {
      streams(peer, plan, 1, pool, plan.warmupNs());
      for (int i = 0; i < one.length; i++) {
        one[i] = streams(peer, plan, 1, pool, plan.streamNs());
        meter.advance(1);
      }
      streams(peer, plan, plan.connections(), pool, plan.warmupNs() / 2);
      for (int i = 0; i < many.length; i++) {
        many[i] = streams(peer, plan, plan.connections(), pool, plan.streamNs());
        meter.advance(1);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Findings(rounds, Samples.of(one), Samples.of(many), plan.connections());
  }

  static double work(Plan plan) {
    return plan.rounds() + 2.0 * plan.streamSamples();
  }

  private static List<Histogram> roundTrips(InetSocketAddress peer, Plan plan, ProgressMeter meter)
      throws IOException {
    List<Histogram> rounds = new ArrayList<>();
    try (PeerClient client = PeerClient.connect(peer, plan.timeout())) {
      Histogram scratch = LatencyFigures.newHistogram();
      long seq = 0;
      long warmEnd = System.nanoTime() + plan.warmupNs();
      do {
        client.pingPong(plan.messageBytes(), plan.batch(), seq, scratch);
        seq += plan.batch();
      } while (System.nanoTime() < warmEnd);
      for (int r = 0; r < plan.rounds(); r++) {
        Histogram h = LatencyFigures.newHistogram();
        long end = System.nanoTime() + plan.roundNs();
        do {
          client.pingPong(plan.messageBytes(), plan.batch(), seq, h);
          seq += plan.batch();
        } while (System.nanoTime() < end);
        rounds.add(h);
        meter.advance(1);
      }
      client.bye();
    }
    return rounds;
  }

  /** Runs {@code n} streams at once; returns their bytes over the span of all of them. */
  private static double streams(
      InetSocketAddress peer, Plan plan, int n, ExecutorService pool, long ns) throws IOException {
    List<PeerClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        clients.add(PeerClient.connect(peer, plan.timeout()));
      }
      List<Future<PeerClient.Stream>> futures = new ArrayList<>();
      for (PeerClient c : clients) {
        futures.add(pool.submit(() -> c.stream(plan.writeBytes(), ns)));
      }
      long bytes = 0;
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (Future<PeerClient.Stream> f : futures) {
        PeerClient.Stream s = get(f);
        bytes += s.bytes();
        first = Math.min(first, s.startNs());
        last = Math.max(last, s.endNs());
      }
      return bytes * 1e9 / Math.max(1, last - first);
    } finally {
      clients.forEach(PeerClient::close);
    }
  }

  private static <T> T get(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(e.getCause());
    }
  }

  static String latencyMethod(Plan plan) {
    return "TCP ping-pong of "
        + plan.messageBytes()
        + "-byte messages (TCP_NODELAY, blocking sockets, one connection), each round trip timed"
        + " on the client from the write to the end of the echo's read";
  }

  static String streamMethod(Plan plan, int connections) {
    return connections
        + (connections == 1 ? " TCP connection" : " TCP connections at once")
        + " streaming "
        + plan.writeBytes() / 1024
        + " KiB writes for "
        + plan.streamNs() / 1_000_000
        + " ms each; bytes counted by the receiving peer, over the time from the first write"
        + " to the peer's count; each sample one run, the figure their median";
  }
}

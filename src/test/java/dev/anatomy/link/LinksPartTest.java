package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.TestContexts;
import dev.anatomy.result.Figures;
import dev.anatomy.result.PartResult;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LinksPartTest {
  static boolean hasLibcuda() {
    for (String dir :
        List.of(
            "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/lib/aarch64-linux-gnu")) {
      if (Files.exists(Path.of(dir, "libcuda.so.1"))) {
        return true;
      }
    }
    return false;
  }

  @Test
  @Timeout(120)
  void measuresTheMemoryBusTheLoopbackAndAPeerAndTabulatesThem() throws IOException {
    try (PeerServer peer =
        PeerServer.start(
            new PeerServer.Config(
                InetAddress.getLoopbackAddress(), 0, 16, Duration.ofSeconds(10)))) {
      MeasureOptions o =
          new MeasureOptions(
              List.of("links"),
              Effort.QUICK,
              0,
              Optional.empty(),
              1L << 30,
              Optional.empty(),
              Optional.of(PeerAddress.format(peer.address())));
      PartResult r = new LinksPart().measure(TestContexts.of(o));
      JsonNode links = r.section();

      JsonNode bus = links.path("memoryBus");
      for (String key :
          List.of(
              "copyBytesPerSecond",
              "copyBytesPerSecondAllThreads",
              "triadBytesPerSecond",
              "triadBytesPerSecondAllThreads")) {
        assertThat(Figures.get(bus, key)).as(key).isPresent();
        assertThat(bus.path(key).asDouble()).as(key).isPositive().isFinite();
      }
      // a quick card: the three arrays together, not each, at least 4x the last-level cache
      assertThat(bus.path("bytesPerArray").asLong()).isGreaterThanOrEqualTo(32L << 20);
      long llc = bus.path("reportedLastLevelCacheBytes").asLong();
      if (llc > 0) {
        assertThat(3 * bus.path("bytesPerArray").asLong()).isGreaterThanOrEqualTo(4 * llc);
        assertThat(bus.path("arraysTogetherAtLeastFourTimesLastLevelCache").asBoolean()).isTrue();
      }
      assertThat(bus.path("singleThreadShareOfAllThreads").asDouble()).isPositive();
      assertThat(bus.path("oneCoreSaturates").isBoolean()).isTrue();
      if (!bus.has("theoreticalBytesPerSecond")) {
        assertThat(r.unavailable()).containsKey("links.memoryBus.theoreticalBytesPerSecond");
      }

      for (String where : List.of("loopback", "peer")) {
        JsonNode net = links.path("network").path(where);
        assertThat(net.path("tcpRoundTripNs").path("p50").asDouble()).as(where).isPositive();
        assertThat(net.path("tcpRoundTripNs").path("p99").asDouble())
            .isGreaterThanOrEqualTo(net.path("tcpRoundTripNs").path("p50").asDouble());
        assertThat(net.path("tcpBytesPerSecond").asDouble()).as(where).isPositive();
        assertThat(net.path("tcpBytesPerSecondParallel").asDouble()).as(where).isPositive();
      }
      assertThat(links.path("network").path("peer").path("interface").asText()).isEqualTo("lo");

      if (hasLibcuda()) {
        assertThat(links.has("pcie") || r.unavailable().containsKey("links.pcie")).isTrue();
      } else {
        assertThat(r.unavailable().get("links.pcie")).contains("libcuda.so.1");
      }

      JsonNode table = links.path("connections");
      assertThat(table.isArray()).isTrue();
      assertThat(table.size()).isGreaterThanOrEqualTo(3);
      for (JsonNode row : table) {
        assertThat(row.path("link").asText()).isNotEmpty();
        assertThat(row.has("theoreticalBytesPerSecond")).isTrue();
        assertThat(row.path("note").asText()).isNotEmpty();
      }
      assertThat(peer.served()).isPositive();
    }
  }

  @Test
  @Timeout(60)
  void goesOnWhenThePeerIsGoneMidWay() {
    MeasureOptions o =
        new MeasureOptions(
            List.of("links"),
            Effort.QUICK,
            0,
            Optional.empty(),
            1L << 30,
            Optional.empty(),
            Optional.of("127.0.0.1:1"));
    PartResult r = new LinksPart().measure(TestContexts.of(o));
    assertThat(r.unavailable().get("links.network.peer")).startsWith("failed mid-way");
    assertThat(r.section().path("network").path("loopback").path("tcpBytesPerSecond").asDouble())
        .isPositive();
    assertThat(r.section().path("memoryBus").path("triadBytesPerSecond").asDouble()).isPositive();
  }
}

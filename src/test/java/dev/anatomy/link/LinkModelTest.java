package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LinkModelTest {
  @Test
  void putsMeasuredAndTheoreticalSideBySide() {
    ConnectionsTable t = new ConnectionsTable();
    t.add(
        new ConnectionsTable.Row(
            "bus",
            OptionalDouble.of(20e9),
            OptionalDouble.of(40e9),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            "n"));
    t.add(
        new ConnectionsTable.Row(
            "lo",
            OptionalDouble.of(1e9),
            OptionalDouble.empty(),
            OptionalDouble.of(20e3),
            OptionalDouble.empty(),
            "no line rate"));
    JsonNode a = t.toJson();
    assertThat(a.get(0).get("measuredShareOfTheoretical").asDouble()).isEqualTo(0.5);
    assertThat(a.get(1).get("measuredShareOfTheoretical").isNull()).isTrue();
    assertThat(a.get(1).get("theoreticalBytesPerSecond").isNull()).isTrue();
    assertThat(a.get(1).get("measuredLatencyNs").asDouble()).isEqualTo(20e3);
    assertThat(t.rows()).hasSize(2);
  }

  @Test
  void sizesMemoryBusArraysFromTheLastLevelCacheWithinTheBudget() {
    long mib = 1L << 20;
    assertThat(MemoryBusSection.arrayBytes(32 * mib, 64L << 30, 2)).isEqualTo(128 * mib);
    assertThat(MemoryBusSection.arrayBytes(0, 64L << 30, 2)).isEqualTo(64 * mib);
    assertThat(MemoryBusSection.arrayBytes(3 * mib + 5, 64L << 30, 1)).isEqualTo(64 * mib);
    long tight = MemoryBusSection.arrayBytes(32 * mib, 300 * mib, 2);
    assertThat(tight).isLessThan(128 * mib).isGreaterThanOrEqualTo(8 * mib);
    assertThat(dev.anatomy.memory.StreamBenchmark.footprintBytes(tight, 2))
        .isLessThanOrEqualTo(300 * mib);
  }

  @Test
  void sizesAQuickCardsArraysTogetherPastTheLastLevelCache() {
    long mib = 1L << 20;
    // 3 arrays of 43 MiB hold 129 MiB, past 4 x 32 MiB
    assertThat(MemoryBusSection.quickArrayBytes(32 * mib, 64L << 30, 2)).isEqualTo(43 * mib);
    assertThat(MemoryBusSection.quickArrayBytes(0, 64L << 30, 2)).isEqualTo(32 * mib);
    assertThat(MemoryBusSection.quickArrayBytes(256 * mib, 64L << 30, 2)).isEqualTo(342 * mib);
    long tight = MemoryBusSection.quickArrayBytes(32 * mib, 150 * mib, 2);
    assertThat(tight).isLessThan(43 * mib);
    assertThat(dev.anatomy.memory.StreamBenchmark.footprintBytes(tight, 2))
        .isLessThanOrEqualTo(150 * mib);
  }

  @Test
  void saysWhyThereIsNoGpuWithoutTheDriver() {
    GpuProbe.Result r = GpuProbe.measure(64L << 20, 1, List.of(0));
    if (!LinksPartTest.hasLibcuda()) {
      assertThat(r.gpus()).isEmpty();
      assertThat(r.whyNone()).contains("no libcuda.so.1");
    } else {
      assertThat(r.gpus().isEmpty() ? r.whyNone() : r.gpus().get(0).name()).isNotBlank();
    }
  }

  @Test
  void computesGpuMemoryBandwidthFromClockAndWidth() {
    GpuProbe.Gpu g =
        new GpuProbe.Gpu(
            0,
            "x",
            1,
            "0000:01:00.0",
            java.util.Optional.empty(),
            1,
            2_619_000,
            5120,
            java.util.Map.of());
    // H100 SXM: 2619 MHz x 2 x 5120 bits / 8 = 3.35 TB/s
    assertThat(g.memoryTheoreticalBytesPerSecond()).isEqualTo(2_619_000e3 * 2 * 5120 / 8);
  }

  @Test
  void checksEchoRequestsBeforeAllocating() {
    assertThat(PeerProtocol.checkRequest(PeerProtocol.OP_ECHO, 16, 1)).isNull();
    assertThat(PeerProtocol.checkRequest(PeerProtocol.OP_ECHO, 0, 1)).contains("size");
    assertThat(PeerProtocol.checkRequest(PeerProtocol.OP_ECHO, 16, 0)).contains("count");
    assertThat(PeerProtocol.checkRequest(PeerProtocol.OP_ECHO, 1 << 30, 1)).contains("size");
    assertThat(PeerProtocol.checkRequest(99, 0, 0)).contains("unknown operation");
    assertThat(PeerProtocol.checkRequest(PeerProtocol.OP_SINK, 0, 0)).isNull();
  }
}

package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.harness.Samples;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The GPU document from made-up measurements: the part that needs no GPU. */
class PcieSectionTest {
  @Test
  void writesEveryCopyBesideTheLinkAndMemoryTheory() {
    Map<String, Samples> copies = new LinkedHashMap<>();
    copies.put("hostToDevicePageable", Samples.of(10e9, 11e9, 12e9));
    copies.put("hostToDevicePinned", Samples.of(25e9, 26e9, 24e9));
    copies.put("deviceToHostPageable", Samples.of(9e9, 9e9, 9e9));
    copies.put("deviceToHostPinned", Samples.of(26e9, 26e9, 26e9));
    copies.put("deviceToDevice", Samples.of(1.2e12, 1.3e12, 1.25e12));
    PcieLink link = new PcieLink("0000:65:00.0", 16.0, 16, 16.0, 16, 0);
    GpuProbe.Gpu g =
        new GpuProbe.Gpu(
            0,
            "Test GPU",
            80L << 30,
            "0000:65:00.0",
            Optional.of(link),
            132,
            2_619_000,
            5120,
            copies);
    ConnectionsTable table = new ConnectionsTable();
    JsonNode o = PcieSection.gpu(g, 64L << 20, table);

    assertThat(o.path("name").asText()).isEqualTo("Test GPU");
    assertThat(o.path("hostToDevicePinnedBytesPerSecond").asDouble()).isEqualTo(25e9);
    assertThat(o.path("deviceToDeviceBytesPerSecond").asDouble()).isEqualTo(1.25e12);
    assertThat(o.path("details").path("hostToDevicePageableBytesPerSecond").path("method").asText())
        .contains("pageable");
    assertThat(o.path("link").path("generation").asInt()).isEqualTo(4);
    assertThat(o.path("link").path("theoreticalBytesPerSecond").asDouble())
        .isEqualTo(link.theoreticalBytesPerSecond());
    assertThat(o.path("memory").path("theoreticalBytesPerSecond").asDouble())
        .isEqualTo(g.memoryTheoreticalBytesPerSecond());

    JsonNode rows = table.toJson();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).path("link").asText()).contains("hostToDevicePinned");
    assertThat(rows.get(0).path("measuredShareOfTheoretical").asDouble())
        .isEqualTo(25e9 / link.theoreticalBytesPerSecond());
    assertThat(rows.get(2).path("measuredBytesPerSecond").asDouble()).isEqualTo(2 * 1.25e12);
  }

  @Test
  void saysSoWhenSysfsReportsNoLink() {
    Map<String, Samples> copies = new LinkedHashMap<>();
    for (String c : GpuProbe.COPIES) {
      copies.put(c, Samples.of(1e9));
    }
    GpuProbe.Gpu g = new GpuProbe.Gpu(1, "G", 1, "0000:01:00.0", Optional.empty(), 1, 0, 0, copies);
    ConnectionsTable table = new ConnectionsTable();
    JsonNode o = PcieSection.gpu(g, 64L << 20, table);
    assertThat(o.path("link").isNull()).isTrue();
    assertThat(o.path("memory").path("theoreticalBytesPerSecond").isNull()).isTrue();
    assertThat(table.rows().get(0).note()).contains("sysfs reports no link");
  }
}

package dev.anatomy.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
  private static Connections.Link link(List<Connections.Link> links, String name) {
    return links.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void eachLinkHasItsMeasuredBesideItsTheoreticalBandwidth() {
    List<Connections.Link> links = Connections.links(Documents.full());

    Connections.Link pcie = link(links, "PCI bus");
    assertThat(pcie.theoretical()).hasValue(6.30e10);
    assertThat(pcie.bestMeasured()).hasValue(5.46e10);
    assertThat(pcie.rates())
        .extracting(Connections.Rate::label)
        .contains("theoretical", "host to device pinned", "device to host pageable");
    assertThat(link(links, "disk").bestMeasured()).hasValue(1.62e9);
    assertThat(link(links, "network").latency()).contains("loopback TCP round trip p50 21.5 µs");
    assertThat(link(links, "memory bus").rates())
        .extracting(Connections.Rate::label)
        .contains("triad", "triad, all threads");
  }

  @Test
  void missingTheoreticalFigureQuotesTheReason() {
    Connections.Link bus = link(Connections.links(Documents.full()), "memory bus");

    assertThat(bus.notes())
        .containsExactly(
            "memory bus: no theoretical figure (the machine reports no memory channels or DIMMs"
                + " (no DMI tables in this virtual machine))");
  }

  @Test
  void withoutTheLinksPartTheMemoryBusComesFromTheDramTier() {
    List<Connections.Link> links = Connections.links(Documents.memory());

    Connections.Link bus = link(links, "memory bus");
    assertThat(bus.rates()).extracting(Connections.Rate::label).contains("DRAM triad, 1 thread");
    assertThat(bus.notes().get(0)).startsWith("memory bus: from the memory part's DRAM tier");
    assertThat(link(links, "PCI bus").rates()).isEmpty();
    assertThat(link(links, "PCI bus").notes().get(0))
        .startsWith("PCI bus to a GPU: not in this run");
  }

  @Test
  void chartDrawsOneBarPerFigureMeasuredFilledTheoreticalOutlined() {
    Chart c = Connections.chart(Documents.full());
    JsonNode option = c.option().orElseThrow();
    JsonNode categories = option.at("/yAxis/data");
    JsonNode theoretical = option.at("/series/1/data");

    assertThat(categories.size()).isEqualTo(option.at("/series/0/data").size());
    int pcie = -1;
    for (int i = 0; i < categories.size(); i++) {
      if (categories.get(i).asText().equals("PCI bus · theoretical")) {
        pcie = i;
      }
    }
    assertThat(pcie).isNotNegative();
    assertThat(theoretical.get(pcie).at("/itemStyle/borderType").asText()).isEqualTo("dashed");
    assertThat(option.at("/series/0/data").get(pcie).asText()).isEqualTo("-");
  }

  @Test
  void splitsKeysIntoWords() {
    assertThat(Connections.words("hostToDevicePinned")).isEqualTo("host to device pinned");
    assertThat(Connections.words("tcpRoundTrip")).isEqualTo("TCP round trip");
  }
}

package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.anatomy.inventory.SystemFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PcieLinkTest {
  static SystemFiles fixture() throws IOException {
    try (InputStream in =
        PcieLinkTest.class.getResourceAsStream("/fixtures/link/synthetic-gpu-pcie.txt")) {
      return SystemFiles.parseDump(
          List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)));
    }
  }

  @Test
  void countsLanesTimesRateTimesEncodingOverEight() {
    // generation 3 x16: 16 x 8 GT/s x 128/130 / 8 = 15.75 GB/s
    assertThat(PcieLink.theoreticalBytesPerSecond(8.0, 16)).isCloseTo(15.754e9, within(1e7));
    // generation 4 x16: 31.5 GB/s
    assertThat(PcieLink.theoreticalBytesPerSecond(16.0, 16)).isCloseTo(31.508e9, within(1e7));
    // generation 1 x1: 2.5 GT/s x 8/10 / 8 = 250 MB/s
    assertThat(PcieLink.theoreticalBytesPerSecond(2.5, 1)).isCloseTo(250e6, within(1.0));
    // generation 2 x8: 4 GB/s
    assertThat(PcieLink.theoreticalBytesPerSecond(5.0, 8)).isCloseTo(4e9, within(1.0));
  }

  @Test
  void switchesEncodingAtGenerationThree() {
    assertThat(PcieLink.encoding(5.0)).isEqualTo(0.8);
    assertThat(PcieLink.encoding(8.0)).isEqualTo(128.0 / 130.0);
    assertThat(PcieLink.encoding(32.0)).isEqualTo(128.0 / 130.0);
    assertThat(PcieLink.encoding(64.0)).isEqualTo(242.0 / 256.0);
  }

  @Test
  void namesTheGenerationOfARate() {
    assertThat(PcieLink.generation(2.5)).isEqualTo(1);
    assertThat(PcieLink.generation(8.0)).isEqualTo(3);
    assertThat(PcieLink.generation(32.0)).isEqualTo(5);
    assertThat(PcieLink.generation(7.0)).isZero();
  }

  @Test
  void parsesTheSpeedStringsTheKernelPrints() {
    assertThat(PcieLink.parseSpeed("8.0 GT/s PCIe")).isEqualTo(OptionalDouble.of(8.0));
    assertThat(PcieLink.parseSpeed("2.5 GT/s")).isEqualTo(OptionalDouble.of(2.5));
    assertThat(PcieLink.parseSpeed("16 GT/s")).isEqualTo(OptionalDouble.of(16.0));
    assertThat(PcieLink.parseSpeed("Unknown")).isEmpty();
    assertThat(PcieLink.parseSpeed("")).isEmpty();
  }

  @Test
  void readsAGpuLinkFromSysfsText() throws IOException {
    PcieLink l = PcieLink.parse(fixture(), "0000:65:00.0").orElseThrow();
    assertThat(l.gigaTransfersPerSecond()).isEqualTo(16.0);
    assertThat(l.lanes()).isEqualTo(16);
    assertThat(l.maxGigaTransfersPerSecond()).isEqualTo(32.0);
    assertThat(l.maxLanes()).isEqualTo(16);
    assertThat(l.numaNode()).isZero();
    assertThat(l.generation()).isEqualTo(4);
    assertThat(l.theoreticalBytesPerSecond()).isCloseTo(31.508e9, within(1e7));
  }

  @Test
  void reportsNoLinkWhereTheSpeedIsUnknownOrAbsent() throws IOException {
    assertThat(PcieLink.parse(fixture(), "0000:b1:00.0")).isEmpty();
    assertThat(PcieLink.parse(fixture(), "0000:00:00.0")).isEmpty();
  }

  @Test
  void readsNothingForAnAbsentDevice() {
    assertThat(PcieLink.read("ffff:ff:1f.7")).isEmpty();
    assertThat(PcieLink.displayControllers()).allMatch(a -> a.matches("[0-9a-f:.]+"));
  }
}

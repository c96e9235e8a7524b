package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMBIOS type 17 structures built byte by byte from the SMBIOS 3.3 layout (DSP0134 section 7.18):
 * no machine with readable DMI tables was at hand to capture one.
 */
class MemoryDevicesTest {
  static byte[] type17(
      int sizeField,
      long extendedMb,
      int speed,
      long extendedSpeed,
      int configured,
      String... strings) {
    byte[] f = new byte[0x5C];
    f[0] = 17;
    f[1] = 0x5C;
    put16(f, 0x08, 72);
    put16(f, 0x0A, 64);
    put16(f, 0x0C, sizeField);
    f[0x0E] = 0x09;
    f[0x10] = 1;
    f[0x11] = 2;
    f[0x12] = 0x1A;
    put16(f, 0x15, speed);
    put32(f, 0x1C, extendedMb);
    put16(f, 0x20, configured);
    put32(f, 0x54, extendedSpeed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(f);
    for (String s : strings) {
      out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
      out.write(0);
    }
    out.write(0);
    return out.toByteArray();
  }

  static void put16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
  }

  static void put32(byte[] b, int off, long v) {
    put16(b, off, (int) (v & 0xFFFF));
    put16(b, off + 2, (int) (v >>> 16));
  }

  @Test
  void decodesAPopulatedDimm() {
    MemoryDevices.Module m =
        MemoryDevices.parse(type17(16384, 0, 3200, 0, 2933, "DIMM_A1", "P0 CHANNEL A", "Samsung"))
            .orElseThrow();
    assertThat(m.locator()).isEqualTo("DIMM_A1");
    assertThat(m.bankLocator()).isEqualTo("P0 CHANNEL A");
    assertThat(m.sizeBytes()).isEqualTo(16L << 30);
    assertThat(m.dataWidthBits()).isEqualTo(64);
    assertThat(m.configuredMtPerSecond()).isEqualTo(2933);
    assertThat(m.maxMtPerSecond()).isEqualTo(3200);
    assertThat(m.mtPerSecond()).isEqualTo(2933);
  }

  @Test
  void readsExtendedSizeAndSpeed() {
    MemoryDevices.Module m =
        MemoryDevices.parse(type17(0x7FFF, 131072, 0xFFFF, 8800, 0, "DIMM 0", "BANK 0"))
            .orElseThrow();
    assertThat(m.sizeBytes()).isEqualTo(128L << 30);
    assertThat(m.maxMtPerSecond()).isEqualTo(8800);
    assertThat(m.mtPerSecond()).isEqualTo(8800);
  }

  @Test
  void skipsEmptySlotsAndOtherStructures() {
    assertThat(MemoryDevices.parse(type17(0, 0, 0, 0, 0, "DIMM_B2", "P0 CHANNEL B"))).isEmpty();
    byte[] notMemory = type17(16384, 0, 3200, 0, 3200, "x", "y");
    notMemory[0] = 16;
    assertThat(MemoryDevices.parse(notMemory)).isEmpty();
    assertThat(MemoryDevices.parse(new byte[4])).isEmpty();
  }

  @Test
  void multipliesChannelsWidthAndRate() {
    List<MemoryDevices.Module> two =
        List.of(
            MemoryDevices.parse(type17(16384, 0, 3200, 0, 2933, "DIMM_A1", "P0 CHANNEL A"))
                .orElseThrow(),
            MemoryDevices.parse(type17(16384, 0, 3200, 0, 2933, "DIMM_B1", "P0 CHANNEL B"))
                .orElseThrow());
    MemoryDevices.Theory t = MemoryDevices.theory(two).orElseThrow();
    assertThat(t.channels()).isEqualTo(2);
    assertThat(t.widthBits()).isEqualTo(64);
    assertThat(t.bytesPerSecond()).isCloseTo(2 * 8 * 2933e6, within(1.0));
    assertThat(t.channelsFrom()).contains("named");
  }

  @Test
  void countsTwoModulesOfOneChannelOnce() {
    List<MemoryDevices.Module> oneChannel =
        List.of(
            MemoryDevices.parse(type17(8192, 0, 2400, 0, 2400, "ChannelA-DIMM0", "BANK 0"))
                .orElseThrow(),
            MemoryDevices.parse(type17(8192, 0, 2400, 0, 2400, "ChannelA-DIMM1", "BANK 1"))
                .orElseThrow());
    assertThat(MemoryDevices.theory(oneChannel).orElseThrow().channels()).isEqualTo(1);
  }

  @Test
  void assumesOneChannelPerModuleWhenNoLocatorNamesOne() {
    List<MemoryDevices.Module> unnamed =
        List.of(
            MemoryDevices.parse(type17(8192, 0, 2400, 0, 2400, "DIMM 0", "BANK 0")).orElseThrow(),
            MemoryDevices.parse(type17(8192, 0, 2400, 0, 2400, "DIMM 1", "BANK 1")).orElseThrow());
    MemoryDevices.Theory t = MemoryDevices.theory(unnamed).orElseThrow();
    assertThat(t.channels()).isEqualTo(2);
    assertThat(t.channelsFrom()).contains("one channel per populated module");
  }

  @Test
  void hasNoTheoryWithoutARate() {
    assertThat(
            MemoryDevices.theory(
                List.of(MemoryDevices.parse(type17(8192, 0, 0, 0, 0, "a", "b")).orElseThrow())))
        .isEmpty();
  }

  @Test
  void explainsWhyNoModulesAreReported() {
    MemoryDevices.Result r = MemoryDevices.read();
    if (r.modules().isEmpty()) {
      assertThat(r.whyNone()).isNotBlank();
    } else {
      assertThat(r.modules()).allMatch(m -> m.sizeBytes() > 0);
    }
  }
}

package dev.anatomy.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void parsesBinaryAndDecimalUnits() {
    assertThat(Sizes.parse("--x", "4096")).isEqualTo(4096);
    assertThat(Sizes.parse("--x", "64KiB")).isEqualTo(65536);
    assertThat(Sizes.parse("--x", "512M")).isEqualTo(512L << 20);
    assertThat(Sizes.parse("--x", "1.5GiB")).isEqualTo(3L << 29);
    assertThat(Sizes.parse("--x", "2g")).isEqualTo(2L << 30);
    assertThat(Sizes.parse("--x", "500MB")).isEqualTo(500_000_000L);
    assertThat(Sizes.parse("--x", " 1 TiB ")).isEqualTo(1L << 40);
  }

  @Test
  void rejectsMalformedNegativeAndZeroSizes() {
    for (String bad : new String[] {"", "lots", "-1", "1.2.3", "12XB", "0", "0.1", "9999999PiB"}) {
      assertThatThrownBy(() -> Sizes.parse("--disk-size", bad))
          .as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("--disk-size must be");
    }
  }

  @Test
  void formatsSizesAndRates() {
    assertThat(Sizes.format(32768)).isEqualTo("32 KiB");
    assertThat(Sizes.format(1536)).isEqualTo("1.5 KiB");
    assertThat(Sizes.format(24683656L * 1024)).isEqualTo("23.5 GiB");
    assertThat(Sizes.formatRate(19.3e9)).isEqualTo("19.3 GB/s");
    assertThat(Sizes.formatRate(148.7e9)).isEqualTo("149 GB/s");
    assertThat(Sizes.formatRate(500)).isEqualTo("500 B/s");
  }
}

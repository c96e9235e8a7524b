package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffHeapTest {
  @Test
  void mapsAnAlignedWritableRegion() {
    try (OffHeap r = OffHeap.map(3 * 4096 + 5, PageSize.SMALL)) {
      r.touch();
      assertThat(r.segment().byteSize()).isEqualTo(4 * 4096);
      assertThat(r.segment().address() % OffHeap.HUGE_PAGE_BYTES).isZero();
      r.segment().set(ValueLayout.JAVA_LONG, 8, 42L);
      assertThat(r.segment().get(ValueLayout.JAVA_LONG, 8)).isEqualTo(42L);
      assertThat(r.requestedPageSize()).isEqualTo(PageSize.SMALL);
      assertThat(r.hugePageBytes()).isZero();
    }
  }

  @Test
  void reportsWhatTheKernelGaveForHugePages() {
    try (OffHeap r = OffHeap.map(8L << 20, PageSize.HUGE)) {
      r.touch();
      // The kernel may or may not back it with huge pages (THP mode, fragmentation); what it
      // gave must be readable and no more than the region.
      assertThat(r.hugePageBytes()).isBetween(0L, r.segment().byteSize() + OffHeap.HUGE_PAGE_BYTES);
    }
  }

  @Test
  void rejectsEmptyRegions() {
    assertThatThrownBy(() -> OffHeap.map(0, PageSize.SMALL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAnImpossibleMappingWithTheReason() {
    assertThatThrownBy(() -> OffHeap.map(1L << 60, PageSize.SMALL))
        .isInstanceOf(NativeCallException.class)
        .hasMessageContaining("mmap");
  }

  @Test
  void sumsHugePagesOfOverlappingMappingsOnly() {
    List<String> smaps =
        List.of(
            "7f0000000000-7f0000400000 rw-p 00000000 00:00 0",
            "Size:               4096 kB",
            "AnonHugePages:      2048 kB",
            "7f0000400000-7f0000800000 rw-p 00000000 00:00 0",
            "AnonHugePages:      4096 kB");
    assertThat(SmapsReader.parseAnonHugeBytes(smaps, 0x7f0000000000L, 0x7f0000400000L))
        .isEqualTo(2048L * 1024);
    assertThat(SmapsReader.parseAnonHugeBytes(smaps, 0x7f0000000000L, 0x7f0000800000L))
        .isEqualTo(6144L * 1024);
    assertThat(SmapsReader.parseAnonHugeBytes(smaps, 0x1000, 0x2000)).isZero();
  }
}

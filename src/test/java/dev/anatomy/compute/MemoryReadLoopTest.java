package dev.anatomy.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class MemoryReadLoopTest {
  @Test
  void readSumsTheIndexesOfASlice() {
    long g = MemoryReadLoop.granuleBytes();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment region = arena.allocate(64 * g, 64);
      MemoryReadLoop.fill(region, 0, 64 * g);
      for (long[] slice : new long[][] {{0, g}, {g, 5 * g}, {3 * g, 64 * g}, {0, 64 * g}}) {
        assertThat(MemoryReadLoop.read(region, slice[0], slice[1]))
            .isEqualTo(MemoryReadLoop.expected(slice[0], slice[1]));
      }
    }
  }

  @Test
  void expectedIsTheArithmeticSeries() {
    assertThat(MemoryReadLoop.expected(0, 8 * 10)).isEqualTo(45);
    assertThat(MemoryReadLoop.expected(8 * 3, 8 * 6)).isEqualTo(3 + 4 + 5);
  }
}

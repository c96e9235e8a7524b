package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Native AIO on a real file with O_DIRECT, in the build folder (tmpfs refuses O_DIRECT). */
class LinuxAioTest {
  private static final int BLOCK = 4096;

  /** A file whose block i holds the long i at every 8th byte. */
  private static Path numbered(int blocks) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "aio-test"));
    Path f = Files.createTempFile(dir, "blocks", ".bin");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(BLOCK).order(java.nio.ByteOrder.nativeOrder());
      for (int i = 0; i < blocks; i++) {
        b.clear();
        while (b.hasRemaining()) {
          b.putLong(i);
        }
        b.flip();
        ch.write(b);
      }
      ch.force(true);
    }
    return f;
  }

  @ParameterizedTest(name = "one call per read: {0}")
  @ValueSource(booleans = {false, true})
  void keepsManyReadsInFlightAndEachBringsItsOwnBlock(boolean oneByOne) throws IOException {
    assumeTrue(LinuxAio.unavailable().isEmpty(), () -> LinuxAio.unavailable().orElse(""));
    Path f = numbered(256);
    try (LinuxAio aio = LinuxAio.openDirect(f, 8, BLOCK)) {
      int[] slots = {0, 1, 2, 3, 4, 5, 6, 7};
      long[] offsets = new long[8];
      for (int i = 0; i < 8; i++) {
        offsets[i] = (long) (37 * i + 11) % 256 * BLOCK;
      }
      if (oneByOne) {
        for (int i = 0; i < 8; i++) {
          aio.submitOne(slots[i], offsets[i]);
        }
      } else {
        aio.submit(slots, offsets, 8);
      }
      int[] done = new int[8];
      long[] results = new long[8];
      int finished = 0;
      while (finished < 8) {
        int n = aio.reap(1, done, results, 5_000_000_000L);
        assertThat(n).isPositive();
        for (int i = 0; i < n; i++) {
          assertThat(results[i]).isEqualTo(BLOCK);
          int slot = done[i];
          long expected = offsets[slot] / BLOCK;
          assertThat(aio.buffer(slot).get(ValueLayout.JAVA_LONG, 0)).isEqualTo(expected);
          assertThat(aio.buffer(slot).get(ValueLayout.JAVA_LONG, BLOCK - 8)).isEqualTo(expected);
        }
        finished += n;
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Test
  void aMissingFileIsAnIoErrorNamingIt() {
    assumeTrue(LinuxAio.unavailable().isEmpty());
    Path missing = Path.of("target", "aio-test", "no-such-file");
    assertThatThrownBy(() -> LinuxAio.openDirect(missing, 4, BLOCK))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-file")
        .hasMessageContaining("No such file");
  }

  @Test
  void aReadPastTheEndReturnsNoBytes() throws IOException {
    assumeTrue(LinuxAio.unavailable().isEmpty());
    Path f = numbered(4);
    try (LinuxAio aio = LinuxAio.openDirect(f, 2, BLOCK)) {
      aio.submit(new int[] {1}, new long[] {64L * BLOCK}, 1);
      int[] done = new int[2];
      long[] results = new long[2];
      assertThat(aio.reap(1, done, results, 5_000_000_000L)).isEqualTo(1);
      assertThat(done[0]).isEqualTo(1);
      assertThat(results[0]).isZero();
    } finally {
      Files.deleteIfExists(f);
    }
  }
}

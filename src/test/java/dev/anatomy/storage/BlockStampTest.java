package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.KernelCheckException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockStampTest {
  @Test
  void givesEveryUnitItsOwnStampPerRun() {
    BlockStamp a = new BlockStamp(1);
    BlockStamp b = new BlockStamp(2);
    Set<Long> seen = new HashSet<>();
    for (long u = 0; u < 10_000; u++) {
      seen.add(a.stamp(u));
    }
    assertThat(seen).hasSize(10_000);
    assertThat(a.stamp(5)).isNotEqualTo(b.stamp(5));
  }

  @Test
  void acceptsWhatItStampedAndRejectsAnotherOffset() {
    BlockStamp s = new BlockStamp(42);
    ByteBuffer buf = ByteBuffer.allocate(4 * BlockStamp.UNIT);
    BlockStamp.fillRandom(buf, new SplittableRandom(1));
    s.stampAll(buf, 8 * BlockStamp.UNIT, 7);
    assertThatCode(() -> s.checkAll(buf, 8 * BlockStamp.UNIT)).doesNotThrowAnyException();
    assertThat(BlockStamp.generation(buf)).isEqualTo(7);
    assertThatThrownBy(() -> s.checkAll(buf, 9 * BlockStamp.UNIT))
        .isInstanceOf(KernelCheckException.class)
        .hasMessageContaining("not the block written there");
    assertThatThrownBy(() -> s.checkFirst(ByteBuffer.allocate(BlockStamp.UNIT), 0))
        .isInstanceOf(KernelCheckException.class);
  }
}

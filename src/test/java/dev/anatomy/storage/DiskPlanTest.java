package dev.anatomy.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.run.Effort;
import org.junit.jupiter.api.Test;

class DiskPlanTest {
  @Test
  void roundsTheFileDownToWholeMebibytes() {
    DiskPlan p = DiskPlan.of((1L << 30) + 12345, 4096, Effort.STANDARD);
    assertThat(p.fileBytes()).isEqualTo(1L << 30);
    assertThat(p.sequentialBlocks()).isEqualTo(1024);
    assertThat(p.randomBlocks()).isEqualTo(262144);
    assertThat(p.sliceBytes() * p.sequentialSlices()).isEqualTo(p.fileBytes());
  }

  @Test
  void growsTheRandomBlockToAnAlignmentLargerThan4KiB() {
    assertThat(DiskPlan.of(64L << 20, 512, Effort.QUICK).randomBlockBytes()).isEqualTo(4096);
    assertThat(DiskPlan.of(64L << 20, 16384, Effort.QUICK).randomBlockBytes()).isEqualTo(16384);
  }

  @Test
  void spendsMoreRoundsOnDeeperEfforts() {
    assertThat(DiskPlan.of(1L << 30, 4096, Effort.QUICK).rounds())
        .isLessThan(DiskPlan.of(1L << 30, 4096, Effort.DEEP).rounds());
  }

  @Test
  void keepsSlicesOfSeveralBlocksOnSmallFiles() {
    DiskPlan p = DiskPlan.of(16L << 20, 4096, Effort.DEEP);
    assertThat(p.sequentialSlices()).isEqualTo(4);
    assertThat(p.sliceBytes()).isEqualTo(4L << 20);
  }

  @Test
  void rejectsAFileThatIsNotWholeBlocks() {
    assertThatThrownBy(() -> new DiskPlan(1000, 1 << 20, 4096, 32, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DiskPlan(1 << 20, 1 << 20, 4096, 0, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

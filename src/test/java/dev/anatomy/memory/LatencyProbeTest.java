package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyProbeTest {
  @Test
  void aChainACacheCanHoldIsBuiltByTheWorkerThatChasesItALargerOneByAll() {
    assertThat(LatencyProbe.builders(16L << 10, 2)).isEqualTo(1);
    assertThat(LatencyProbe.builders(4L << 20, 8)).isEqualTo(1);
    assertThat(LatencyProbe.builders(LatencyProbe.PARALLEL_BUILD_FROM - 4096, 8)).isEqualTo(1);
    assertThat(LatencyProbe.builders(LatencyProbe.PARALLEL_BUILD_FROM, 8)).isEqualTo(8);
    assertThat(LatencyProbe.builders(1L << 30, 2)).isEqualTo(2);
    assertThat(LatencyProbe.builders(1L << 30, 0)).isEqualTo(1);
  }
}

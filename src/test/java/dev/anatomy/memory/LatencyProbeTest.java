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

  @Test
  void aSampleLastsTheTargetTimeAndCoversAtLeastTheMinimumLoadsOfALargeChain() {
    long target = 500_000;
    // L1: the time rules, hundreds of passes over a 256-line chain
    assertThat(LatencyProbe.sampleSteps(256, 1.0, target)).isEqualTo(500_000);
    // the L3 at 12 ns: the time rules too
    assertThat(LatencyProbe.sampleSteps(65_536, 12.0, target)).isEqualTo(41_672);
    // DRAM at 100 ns: 5000 loads would be a few TLB blocks; the floor rules
    assertThat(LatencyProbe.sampleSteps(1L << 24, 100.0, target))
        .isEqualTo(LatencyProbe.MIN_SAMPLE_STEPS);
    // a chain shorter than the floor, chased slowly: one pass is enough
    assertThat(LatencyProbe.sampleSteps(4_096, 400.0, target)).isEqualTo(4_096);
    // never under 64 loads, always a multiple of 8
    assertThat(LatencyProbe.sampleSteps(8, 1e6, target)).isEqualTo(64);
    assertThat(LatencyProbe.sampleSteps(1L << 20, 3.0, target) % 8).isZero();
  }
}

package dev.anatomy.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DirectionTest {
  private static Direction of(String path, String unit) {
    return Direction.of(List.of(path.split("\\.")), unit);
  }

  @Test
  void timesAreBetterLower() {
    assertThat(of("memory.levels.latencyNs", "")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(of("memory.memoryLevelParallelism.chains.nsPerLoad", ""))
        .isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(of("memory.levels.latencyCycles", "cycles")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(of("links.network.loopback.tcpRoundTripNs", ""))
        .isEqualTo(Direction.LOWER_IS_BETTER);
  }

  @Test
  void ratesAreBetterHigher() {
    assertThat(of("memory.levels.readBytesPerSecondAllThreads", ""))
        .isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(of("storage.randomReadIopsQd32", "")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(of("compute.clockHzAllCores", "")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(of("compute.ilp.opsPerCycle", "")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(of("compute.simd.speedupFp64", "")).isEqualTo(Direction.HIGHER_IS_BETTER);
  }

  @Test
  void aKeyWithoutUnitTakesItsParentsDirection() {
    assertThat(of("storage.randomReadLatencyNs.p99", "ns")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(of("compute.peakFlops.fp64AllCores", "")).isEqualTo(Direction.HIGHER_IS_BETTER);
  }

  @Test
  void fallsBackToTheUnitThenToUnknown() {
    assertThat(of("compute.mystery.value", "B/s")).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(of("compute.mystery.value", "ns")).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(of("compute.scaling.amdahlSerialFraction", "")).isEqualTo(Direction.UNKNOWN);
    assertThat(of("compute.scaling.usl.sigma", "")).isEqualTo(Direction.UNKNOWN);
    assertThat(of("memory.chains", ""))
        .as("'chains' ends in ns but is no time")
        .isEqualTo(Direction.UNKNOWN);
  }
}

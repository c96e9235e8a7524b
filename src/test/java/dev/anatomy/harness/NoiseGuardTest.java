package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseGuardTest {
  @Test
  void parsesTheAggregateCpuLine() {
    CpuTimes t =
        CpuTimes.parse(List.of("cpu  100 5 50 1000 20 3 2 7 0 0", "cpu0 50 2 25 500 10 1 1 3 0 0"));
    assertThat(t.busy()).isEqualTo(100 + 5 + 50 + 3 + 2);
    assertThat(t.idle()).isEqualTo(1020);
    assertThat(t.steal()).isEqualTo(7);
    assertThat(t.total()).isEqualTo(160 + 1020 + 7);
    assertThatThrownBy(() -> CpuTimes.parse(List.of("intr 1 2")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attributesBusyTimeBeyondThisProcessToOthers() {
    CpuTimes a = new CpuTimes(1000, 1000, 0);
    CpuTimes b = new CpuTimes(1150, 1040, 10);
    // 200 ticks elapsed: 150 busy, of which 100 were ours; 10 stolen; a tick or two of each is
    // within the counters' resolution
    NoiseRecord r = NoiseGuard.compute("step", 1.0, a, b, 100, 0.5);
    assertThat(r.stealFraction()).isCloseTo(9 / 200.0, within(1e-12));
    assertThat(r.foreignBusyFraction()).isCloseTo(48 / 200.0, within(1e-12));
    assertThat(r.busy()).isTrue();
  }

  @Test
  void aStrayTickInAStepOfAFewMillisecondsIsNotCalledBusy() {
    // a 4 ms step on two CPUs: 5 ticks, none of them ours by the process's own count, one of
    // them busy and one stolen (a compute.smt step read 100% busy this way before)
    NoiseRecord r =
        NoiseGuard.compute(
            "compute.smt", 0.004, new CpuTimes(1000, 1000, 0), new CpuTimes(1001, 1003, 1), 0, 0.1);
    assertThat(r.foreignBusyFraction()).isZero();
    assertThat(r.stealFraction()).isZero();
    assertThat(r.busy()).isFalse();
    // three ticks of other work in as short a step still are
    NoiseRecord loaded =
        NoiseGuard.compute(
            "links.pcie", 0.007, new CpuTimes(1000, 1000, 0), new CpuTimes(1004, 1002, 0), 0, 0.1);
    assertThat(loaded.foreignBusyFraction()).isCloseTo(2 / 6.0, within(1e-12));
    assertThat(loaded.busy()).isTrue();
  }

  @Test
  void aQuietStepIsNotBusy() {
    NoiseRecord r =
        NoiseGuard.compute("step", 1.0, new CpuTimes(0, 0, 0), new CpuTimes(100, 100, 0), 100, 0.1);
    assertThat(r.busy()).isFalse();
    assertThat(r.foreignBusyFraction()).isZero();
  }

  @Test
  void readsOwnAndChildrensTicksAfterTheCommandName() {
    String stat = "1234 (java (weird) name) S 1 2 3 4 5 6 7 8 9 10 111 222 30 4 20 0";
    assertThat(NoiseGuard.parseSelfTicks(stat)).isEqualTo(367);
  }

  @Test
  void recordsEveryWatchedStep() {
    NoiseGuard guard = new NoiseGuard();
    guard.watch("a", () -> {});
    guard.watch("b", () -> {});
    assertThat(guard.records()).extracting(NoiseRecord::step).containsExactly("a", "b");
    assertThat(guard.records().get(0).stealFraction()).isBetween(0.0, 1.0);
  }
}

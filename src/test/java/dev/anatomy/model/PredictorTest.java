package dev.anatomy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.anatomy.model.MachineModel.ComputeCeiling;
import dev.anatomy.model.MachineModel.Tier;
import dev.anatomy.run.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The predictor on a machine whose every figure is known, so each prediction has one answer. */
public class PredictorTest {
  static final double L1_BW = 100e9;
  static final double DRAM_BW = 10e9;

  /** Flat bandwidth per tier: 100 GB/s up to 32 KiB, 10 GB/s from 1 MiB on. */
  static Curve flat(double scale) {
    return new Curve(
        List.of(
            new Curve.Point(4096, L1_BW * scale),
            new Curve.Point(32768, L1_BW * scale),
            new Curve.Point(1 << 20, DRAM_BW * scale),
            new Curve.Point(1L << 30, DRAM_BW * scale)));
  }

  /**
   * The machine every figure of which is known.
   *
   * @return the model
   */
  public static MachineModel machine() {
    Map<String, Map<Integer, Curve>> bw =
        Map.of(
            "read", Map.of(1, flat(1), 2, flat(2)),
            "write", Map.of(1, flat(0.5), 2, flat(1)),
            "copy", Map.of(1, flat(0.8), 2, flat(1.6)),
            "triad", Map.of(1, flat(0.9), 2, flat(1.8)));
    List<ComputeCeiling> compute = new ArrayList<>();
    for (boolean all : new boolean[] {false, true}) {
      double cores = all ? 2 : 1;
      compute.add(
          new ComputeCeiling(KernelSpec.Precision.FP64, true, true, all, 40e9 * cores, "t"));
      compute.add(
          new ComputeCeiling(KernelSpec.Precision.FP64, true, false, all, 20e9 * cores, "t"));
      compute.add(
          new ComputeCeiling(KernelSpec.Precision.FP64, false, true, all, 10e9 * cores, "t"));
      compute.add(
          new ComputeCeiling(KernelSpec.Precision.FP64, false, false, all, 5e9 * cores, "t"));
    }
    return new MachineModel(
        2,
        3e9,
        List.of(new Tier("L1", 32768, 1, true), new Tier("DRAM", 0, 100, false)),
        bw,
        new Curve(
            List.of(
                new Curve.Point(4096, 1),
                new Curve.Point(32768, 1),
                new Curve.Point(1 << 20, 100))),
        new Curve(List.of(new Curve.Point(4096, 1), new Curve.Point(1 << 20, 80))),
        4,
        compute,
        Optional.empty());
  }

  static KernelSpec kernel(
      double flops,
      double read,
      double written,
      long ws,
      Access access,
      int threads,
      double serial,
      boolean simd,
      boolean fma) {
    return new KernelSpec(
        "k",
        flops,
        read,
        written,
        1e9,
        ws,
        access,
        KernelSpec.Precision.FP64,
        threads,
        serial,
        simd,
        fma);
  }

  @Test
  void aKernelTooLargeToPredictIsRefusedNotPrintedAsNaN() {
    // 1e9 iterations: 1e22 flops each is 1e31 in all, past what a prediction can hold
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> kernel(1e22, 16, 8, 1L << 30, Access.SEQUENTIAL, 1, 0, true, true))
        .isInstanceOf(dev.anatomy.run.UsageException.class)
        .hasMessageContaining("--iterations times the flops or bytes per iteration");
    Prediction p =
        Predictor.predict(
            machine(), kernel(1e20, 16, 8, 1L << 30, Access.SEQUENTIAL, 1, 0, true, true));
    assertThat(p.predictedSeconds()).isFinite().isPositive();
  }

  @Test
  void aDramTriadIsBandwidthBoundInDram() {
    Prediction p =
        Predictor.predict(
            machine(), kernel(2, 16, 8, 1L << 30, Access.SEQUENTIAL, 1, 0, true, true));
    assertThat(p.bound()).isEqualTo(new Prediction.Bound("bandwidth", "DRAM"));
    assertThat(p.predictedSeconds()).isCloseTo(24e9 / (DRAM_BW * 0.9), within(1e-9));
    assertThat(p.attainableBytesPerSecond()).isCloseTo(DRAM_BW * 0.9, within(1.0));
  }

  @Test
  void anL1ResidentFmaLoopIsComputeBound() {
    Prediction p =
        Predictor.predict(machine(), kernel(32, 8, 0, 16384, Access.SEQUENTIAL, 1, 0, true, true));
    assertThat(p.bound()).isEqualTo(new Prediction.Bound("compute", "core"));
    assertThat(p.predictedSeconds()).isCloseTo(32e9 / 40e9, within(1e-12));
    assertThat(p.attainableFlopsPerSecond()).isCloseTo(40e9, within(1.0));
  }

  @Test
  void aMeasuredInCoreTimeBoundsTheCoreAndSplitsOverThreads() {
    KernelSpec k = kernel(0, 8, 0, 16384, Access.RANDOM, 1, 0, false, false);
    // 1e9 iterations at 2 ns each in the core: slower than any load from L1
    Prediction one = Predictor.predict(machine(), k.withCoreNsPerIteration(2));
    assertThat(one.bound()).isEqualTo(new Prediction.Bound("compute", "core"));
    assertThat(one.predictedSeconds()).isCloseTo(2.0, within(1e-9));
    Prediction two = Predictor.predict(machine(), k.withThreads(2).withCoreNsPerIteration(2));
    assertThat(two.predictedSeconds()).isCloseTo(1.0, within(1e-9));
    // without it, only the loads bound the kernel: far less
    assertThat(Predictor.predict(machine(), k).predictedSeconds()).isLessThan(1.0);
  }

  @Test
  void aLinkedListInDramIsLatencyBound() {
    Prediction p =
        Predictor.predict(
            machine(), kernel(0, 8, 0, 1L << 28, Access.DEPENDENT, 1, 0, false, false));
    assertThat(p.bound()).isEqualTo(new Prediction.Bound("latency", "DRAM"));
    assertThat(p.predictedSeconds()).isCloseTo(1e9 * 100e-9, within(1e-9));
  }

  @Test
  void randomLoadsOverlapUpToTheMeasuredParallelism() {
    Prediction p =
        Predictor.predict(machine(), kernel(0, 8, 0, 1L << 28, Access.RANDOM, 1, 0, false, false));
    assertThat(p.bound().kind()).isEqualTo("latency");
    assertThat(p.predictedSeconds()).isCloseTo(1e9 * 100e-9 / 4, within(1e-9));
  }

  @Test
  void serialisedLoadsWaitTheirWholeLatencyOnTopOfTheOverlappedOnes() {
    Prediction p =
        Predictor.predict(
            machine(), kernel(0, 8, 0, 1L << 28, Access.random(0.5), 1, 0, false, false));
    // half the loads overlap 4x (12.5 s), the other half wait 100 ns each (50 s)
    assertThat(p.bound().kind()).isEqualTo("latency");
    assertThat(p.predictedSeconds()).isCloseTo(62.5, within(1e-6));
  }

  @Test
  void aStrideBringsAWholeLinePerElement() {
    Prediction seq =
        Predictor.predict(
            machine(), kernel(0, 8, 0, 1L << 28, Access.SEQUENTIAL, 1, 0, false, false));
    Prediction strided =
        Predictor.predict(
            machine(), kernel(0, 8, 0, 1L << 28, Access.parse("strided:4096"), 1, 0, false, false));
    assertThat(strided.predictedSeconds() / seq.predictedSeconds()).isCloseTo(8, within(1e-9));
  }

  @Test
  void fmaAndSimdRaiseTheComputeCeiling() {
    double scalar =
        Predictor.predict(machine(), kernel(2, 0, 0, 4096, Access.SEQUENTIAL, 1, 0, false, false))
            .predictedSeconds();
    double simdFma =
        Predictor.predict(machine(), kernel(2, 0, 0, 4096, Access.SEQUENTIAL, 1, 0, true, true))
            .predictedSeconds();
    assertThat(scalar / simdFma).isCloseTo(8, within(1e-9));
  }

  @Test
  void threadsShareTheWorkAndASerialFractionCapsTheSpeedup() {
    KernelSpec one = kernel(8, 0, 0, 4096, Access.SEQUENTIAL, 1, 0, true, true);
    double t1 = Predictor.predict(machine(), one).predictedSeconds();
    double t2 = Predictor.predict(machine(), one.withThreads(2)).predictedSeconds();
    assertThat(t1 / t2).isCloseTo(2, within(1e-9));
    KernelSpec serial = kernel(8, 0, 0, 4096, Access.SEQUENTIAL, 2, 0.5, true, true);
    Prediction p = Predictor.predict(machine(), serial);
    assertThat(t1 / p.predictedSeconds()).isCloseTo(1 / (0.5 + 0.5 / 2), within(1e-9));
    KernelSpec mostlySerial = kernel(8, 0, 0, 4096, Access.SEQUENTIAL, 2, 0.9, true, true);
    assertThat(Predictor.predict(machine(), mostlySerial).bound().kind()).isEqualTo("serial");
  }

  @Test
  void moreThreadsThanCoresAreCappedAndSaidSo() {
    Prediction p =
        Predictor.predict(machine(), kernel(8, 0, 0, 4096, Access.SEQUENTIAL, 16, 0, true, true));
    assertThat(p.assumptions()).anyMatch(a -> a.contains("measured 2 CPUs"));
  }

  @Test
  void privateCachesHoldEachThreadsShare() {
    MachineModel m = machine();
    assertThat(m.tierOf(48 << 10, 1).name()).isEqualTo("DRAM");
    assertThat(m.tierOf(48 << 10, 2).name()).isEqualTo("L1");
  }

  @Test
  void reportsEveryCeilingAndTheBindingOneHasFullHeadroom() {
    Prediction p =
        Predictor.predict(
            machine(), kernel(2, 16, 8, 1L << 30, Access.SEQUENTIAL, 1, 0, true, true));
    assertThat(p.ceilings()).extracting(Prediction.Ceiling::kind).contains("compute", "bandwidth");
    assertThat(p.ceilings())
        .filteredOn(c -> c.name().equals("DRAM triad"))
        .singleElement()
        .satisfies(c -> assertThat(c.headroom()).isCloseTo(1, within(1e-9)));
    assertThat(p.ecmSeconds()).isCloseTo(p.predictedSeconds(), within(p.predictedSeconds() * 1e-9));
    assertThat(p.transfers()).extracting(Prediction.Transfer::from).containsExactly("L1", "DRAM");
  }

  @Test
  void aRunWithoutComputeFiguresSaysWhatIsMissing() {
    MachineModel m = machine();
    MachineModel memoryOnly =
        new MachineModel(
            m.cores(),
            0,
            m.tiers(),
            m.bandwidth(),
            m.latencyRandom(),
            m.latencyGrouped(),
            4,
            List.of(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                Predictor.predict(
                    memoryOnly, kernel(2, 16, 8, 1 << 20, Access.SEQUENTIAL, 1, 0, true, true)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("compute ceilings");
    MachineModel computeOnly =
        new MachineModel(
            2,
            3e9,
            List.of(),
            Map.of(),
            new Curve(List.of()),
            new Curve(List.of()),
            1,
            m.compute(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                Predictor.predict(
                    computeOnly, kernel(2, 16, 8, 1 << 20, Access.SEQUENTIAL, 1, 0, true, true)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("memory");
  }

  @Test
  void trafficMatchesTheMeasuredKernelOfTheSameMix() {
    assertThat(Predictor.traffic(kernel(0, 8, 0, 4096, Access.SEQUENTIAL, 1, 0, false, false)))
        .isEqualTo("read");
    assertThat(Predictor.traffic(kernel(0, 0, 8, 4096, Access.SEQUENTIAL, 1, 0, false, false)))
        .isEqualTo("write");
    assertThat(Predictor.traffic(kernel(0, 8, 8, 4096, Access.SEQUENTIAL, 1, 0, false, false)))
        .isEqualTo("copy");
    assertThat(Predictor.traffic(kernel(0, 16, 8, 4096, Access.SEQUENTIAL, 1, 0, false, false)))
        .isEqualTo("triad");
  }

  @Test
  void inCoreWorkBeyondMovingTheBytesThroughL1AddsToTheTransfersFromMemory() {
    KernelSpec k = kernel(0, 8, 0, 1L << 30, Access.SEQUENTIAL, 1, 0, true, false);
    // 8 bytes an iteration: 0.08 s through L1 at 100 GB/s, 0.8 s from memory at 10 GB/s
    Prediction streaming = Predictor.predict(machine(), k.withCoreNsPerIteration(0.05));
    assertThat(streaming.predictedSeconds()).isCloseTo(0.8, within(1e-9));
    Prediction busy = Predictor.predict(machine(), k.withCoreNsPerIteration(0.5));
    assertThat(busy.predictedSeconds()).isCloseTo(0.8 + (0.5 - 0.08), within(1e-9));
    assertThat(busy.bound()).isEqualTo(new Prediction.Bound("bandwidth", "DRAM"));
    // in L1 the calibration measured it all: the in-core time alone
    KernelSpec inL1 = kernel(0, 8, 0, 16384, Access.SEQUENTIAL, 1, 0, true, false);
    assertThat(Predictor.predict(machine(), inL1.withCoreNsPerIteration(0.5)).predictedSeconds())
        .isCloseTo(0.5, within(1e-9));
  }

  @Test
  void inCoreTimeShrinksWithThreadsOnlyAsFarAsTheCoresWereMeasuredToScale() {
    KernelSpec oneThread =
        kernel(0, 8, 0, 16384, Access.SEQUENTIAL, 1, 0, true, true).withCoreNsPerIteration(10);
    KernelSpec twoThreads =
        kernel(0, 8, 0, 16384, Access.SEQUENTIAL, 2, 0, true, true).withCoreNsPerIteration(10);
    // the test machine's all-core peak is twice one core's: two threads halve the in-core time
    assertThat(Predictor.coreScaling(machine(), 2)).isEqualTo(2.0);
    double scaled = Predictor.predict(machine(), twoThreads).predictedSeconds();
    assertThat(scaled).isCloseTo(10.0 / 2, within(0.01));

    // the same machine whose two cores reach one core's peak together (two virtual CPUs on one
    // physical core): two threads take as long as one
    MachineModel shared = machineWithAllCorePeakTimes(1.0);
    assertThat(Predictor.coreScaling(shared, 2)).isEqualTo(1.0);
    assertThat(Predictor.predict(shared, twoThreads).predictedSeconds())
        .isCloseTo(Predictor.predict(shared, oneThread).predictedSeconds(), within(0.01));
    assertThat(Predictor.coreScaling(machineWithAllCorePeakTimes(1.5), 2)).isEqualTo(1.5);
  }

  @Test
  void aHostTakingACpuAwayDuringTheComputePartIsOverruledByTheCachesScaling() {
    // the compute part saw two cores at one core's peak, the memory part two threads reading
    // their own L2 shares at twice one thread's bandwidth: the cores do run together
    MachineModel m = machineWithAllCorePeakTimes(1.0);
    MachineModel scaling = withL2AndReadScaling(m, 2.0);
    assertThat(Predictor.cacheScaling(scaling, 2)).isCloseTo(2.0, within(1e-9));
    assertThat(Predictor.coreScaling(scaling, 2)).isEqualTo(2.0);
    // both measures near one: two virtual CPUs on one core
    MachineModel shared = withL2AndReadScaling(m, 1.05);
    assertThat(Predictor.coreScaling(shared, 2)).isCloseTo(1.05, within(1e-9));
    // without a second private tier the caches give no measure
    assertThat(Predictor.cacheScaling(m, 2)).isZero();
  }

  private static MachineModel withL2AndReadScaling(MachineModel m, double ratio) {
    List<Curve.Point> onePoints = new ArrayList<>();
    List<Curve.Point> allPoints = new ArrayList<>();
    for (long size = 4096; size <= 1L << 30; size *= 2) {
      onePoints.add(new Curve.Point(size, 50e9));
      allPoints.add(new Curve.Point(size, 50e9 * ratio));
    }
    Curve one = new Curve(onePoints);
    Curve all = new Curve(allPoints);
    return new MachineModel(
        m.cores(),
        m.clockHz(),
        List.of(
            new Tier("L1", 32768, 1, true),
            new Tier("L2", 524288, 4, true),
            new Tier("DRAM", 0, 100, false)),
        Map.of("read", Map.of(1, one, 2, all)),
        m.latencyRandom(),
        m.latencyGrouped(),
        m.memoryLevelParallelism(),
        m.compute(),
        m.scaling());
  }

  private static MachineModel machineWithAllCorePeakTimes(double factor) {
    MachineModel m = machine();
    List<ComputeCeiling> compute = new ArrayList<>();
    for (ComputeCeiling c : m.compute()) {
      compute.add(
          c.allCores()
              ? new ComputeCeiling(
                  c.precision(),
                  c.simd(),
                  c.fma(),
                  true,
                  c.flopsPerSecond() / 2 * factor,
                  c.source())
              : c);
    }
    return new MachineModel(
        m.cores(),
        m.clockHz(),
        m.tiers(),
        m.bandwidth(),
        m.latencyRandom(),
        m.latencyGrouped(),
        m.memoryLevelParallelism(),
        compute,
        m.scaling());
  }
}

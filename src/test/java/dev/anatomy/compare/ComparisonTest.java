package dev.anatomy.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.compare.FigureComparison.Verdict;
import dev.anatomy.testing.Documents;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  /** A document with many figures (a latency curve of {@code points} sizes) plus every part. */
  private static ObjectNode machine(double speed, long seed, int points, double spread) {
    ObjectNode doc = Documents.allParts("run-" + seed, T, speed, seed);
    SplittableRandom r = new SplittableRandom(seed * 31 + 7);
    var curve = doc.withObjectProperty("memory").putArray("latencyCurve");
    for (int i = 0; i < points; i++) {
      ObjectNode p = curve.addObject();
      p.put("sizeBytes", 4096L << (i % 20));
      p.put("variant", "random-" + (i / 20));
      Documents.figure(p, "latencyNs", "ns", (1 + i) / speed, spread, 5, r);
    }
    return doc;
  }

  @Test
  void noiseIsNotCalledADifference() {
    int seedsWithAnyDifference = 0;
    int regressions = 0;
    for (long seed = 1; seed <= 20; seed++) {
      Comparison c = Comparison.of(machine(1, seed, 200, 0.2), machine(1, seed + 1000, 200, 0.2));
      assertThat(c.figures()).hasSizeGreaterThan(200);
      long significant = c.figures().stream().filter(FigureComparison::significant).count();
      if (significant > 0) {
        seedsWithAnyDifference++;
      }
      regressions += c.regressions(0).size();
    }
    // Under the null the false discovery rate controls the chance of any false call at 5%:
    // about 1 of 20 comparisons, and the seeds are fixed, so this does not flake.
    assertThat(seedsWithAnyDifference).isLessThanOrEqualTo(2);
    assertThat(regressions).isLessThanOrEqualTo(2);
  }

  @Test
  void aClearlySlowerMachineIsSignificantlyWorseEverywhere() {
    Comparison c = Comparison.of(machine(1, 1, 50, 0.05), machine(0.8, 2, 50, 0.05));
    FigureComparison l1 = find(c, "memory.levels[L1].latencyNs");
    assertThat(l1.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(l1.ratio()).isCloseTo(1.25, within(0.1));
    assertThat(l1.pValue()).isLessThan(0.01);
    assertThat(l1.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(l1.worseBy()).isCloseTo(0.25, within(0.1));

    FigureComparison read = find(c, "storage.sequentialReadBytesPerSecond");
    assertThat(read.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
    assertThat(read.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(read.worseBy()).isCloseTo(0.2, within(0.08));

    assertThat(c.counts().get(Verdict.WORSE)).isGreaterThan(c.figures().size() * 8 / 10);
    assertThat(c.regressions(5)).isNotEmpty();
    assertThat(c.regressions(50)).isEmpty();
  }

  @Test
  void aFasterMachineIsBetterAndNoRegression() {
    Comparison c = Comparison.of(machine(1, 3, 20, 0.05), machine(1.5, 4, 20, 0.05));
    assertThat(find(c, "compute.clockHz").verdict()).isEqualTo(Verdict.BETTER);
    assertThat(find(c, "memory.levels[DRAM].latencyNs").verdict()).isEqualTo(Verdict.BETTER);
    assertThat(c.regressions(0)).isEmpty();
  }

  @Test
  void aFigureOfUnknownDirectionIsDifferentButNeverARegression() {
    Comparison c = Comparison.of(machine(1, 5, 0, 0.05), machine(0.5, 6, 0, 0.05));
    FigureComparison serial = find(c, "compute.scaling.amdahlSerialFraction");
    assertThat(serial.direction()).isEqualTo(Direction.UNKNOWN);
    assertThat(serial.verdict()).isEqualTo(Verdict.DIFFERENT);
    assertThat(serial.worseBy()).isNaN();
    assertThat(c.regressions(0)).doesNotContain(serial);
  }

  @Test
  void tooFewSamplesAreUntestedNotDifferent() {
    ObjectNode a = Documents.envelope("a", T);
    ObjectNode b = Documents.envelope("b", T);
    Documents.figure(a.putObject("compute"), "clockHz", "Hz", 3.0e9);
    Documents.figure(b.putObject("compute"), "clockHz", "Hz", 1.0e9);
    Comparison c = Comparison.of(a, b);
    FigureComparison clock = find(c, "compute.clockHz");
    assertThat(clock.verdict()).isEqualTo(Verdict.UNTESTED);
    assertThat(clock.ratio()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(c.regressions(0)).isEmpty();
  }

  @Test
  void listsFiguresOnlyOneRunHas() {
    ObjectNode a = machine(1, 7, 0, 0.05);
    ObjectNode b = machine(1, 8, 0, 0.05);
    a.remove("storage");
    b.remove("links");
    Comparison c = Comparison.of(a, b);
    assertThat(c.onlyInA()).allMatch(p -> p.startsWith("links."));
    assertThat(c.onlyInB()).allMatch(p -> p.startsWith("storage."));
    assertThat(c.onlyInB()).contains("storage.randomReadLatencyNs.p50");
    assertThat(c.figures())
        .noneMatch(f -> f.path().startsWith("storage.") || f.path().startsWith("links."));
  }

  @Test
  void mannWhitneyGivesTheExactPValueOfCompleteSeparation() {
    double p = Significance.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
    assertThat(p).isCloseTo(2.0 / 252, within(1e-9));
    assertThat(Significance.pValue(new double[] {1, 1, 1}, new double[] {1, 1, 1})).isEqualTo(1.0);
    assertThat(Significance.pValue(new double[] {1, 2}, new double[] {3, 4, 5})).isNaN();
  }

  @Test
  void benjaminiHochbergKeepsTheDiscoveriesBelowItsThreshold() {
    double[] p = {0.001, 0.035, 0.025, 0.5, Double.NaN, 0.012};
    // tested p sorted: 0.001, 0.012, 0.025, 0.035, 0.5 (m = 5); thresholds 0.01 ... 0.05 by 0.01:
    // the 4th is the largest under its threshold, so the first four are discoveries
    assertThat(Significance.benjaminiHochberg(p, 0.05))
        .containsExactly(true, true, true, false, false, true);
    assertThat(Significance.benjaminiHochberg(new double[] {0.2, 0.3}, 0.05))
        .containsExactly(false, false);
  }

  private static FigureComparison find(Comparison c, String path) {
    return c.figures().stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no figure " + path));
  }
}

package dev.anatomy.compare;

import java.util.Arrays;
import java.util.Comparator;
import org.hipparchus.stat.inference.MannWhitneyUTest;

/**
 * Whether two sets of samples differ by more than noise: the Mann-Whitney U test on each figure's
 * samples (no assumption of normality; exact p-values for small samples without ties, from
 * Hipparchus), then the Benjamini-Hochberg procedure over all figures compared, so that among
 * hundreds of figures the expected share of differences called significant by chance stays below
 * the false discovery rate.
 */
public final class Significance {
  /** The false discovery rate {@code compare} uses. */
  public static final double DEFAULT_FALSE_DISCOVERY_RATE = 0.05;

  /** Fewest samples on each side for a test; with fewer, a figure is never called different. */
  public static final int MIN_SAMPLES = 3;

  private Significance() {}

  /**
   * The two-sided p-value of the Mann-Whitney U test.
   *
   * @param a samples of the first run
   * @param b samples of the second run
   * @return the p-value, or NaN if either side has fewer than {@link #MIN_SAMPLES} samples
   */
  public static double pValue(double[] a, double[] b) {
    if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
      return Double.NaN;
    }
    if (allEqual(a, b)) {
      return 1.0;
    }
    double p = new MannWhitneyUTest().mannWhitneyUTest(a, b);
    return Double.isNaN(p) ? 1.0 : Math.min(1.0, p);
  }

  private static boolean allEqual(double[] a, double[] b) {
    double first = a[0];
    return Arrays.stream(a).allMatch(v -> v == first) && Arrays.stream(b).allMatch(v -> v == first);
  }

  /**
   * The Benjamini-Hochberg procedure.
   *
   * @param pValues one p-value per test; NaN for a figure not tested (it is not counted)
   * @param falseDiscoveryRate e.g. 0.05
   * @return for each test, whether it is a discovery
   */
  public static boolean[] benjaminiHochberg(double[] pValues, double falseDiscoveryRate) {
    Integer[] order =
        java.util.stream.IntStream.range(0, pValues.length)
            .filter(i -> !Double.isNaN(pValues[i]))
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    int m = order.length;
    int largest = -1;
    for (int k = 0; k < m; k++) {
      if (pValues[order[k]] <= falseDiscoveryRate * (k + 1) / m) {
        largest = k;
      }
    }
    boolean[] out = new boolean[pValues.length];
    for (int k = 0; k <= largest; k++) {
      out[order[k]] = true;
    }
    return out;
  }
}

package dev.anatomy.result;

import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import java.util.Objects;

/**
 * One measured figure: the value a statistic picks from raw samples, with its unit and how it was
 * measured. A figure that could not be measured is not a Figure: it is an entry in the document's
 * {@code unavailable} section, with the reason.
 *
 * <pre>{@code
 * Figure latency = Figure.of(samples, Statistic.MIN, "ns", "random pointer chase, 64 B lines")
 *     .withVariant("tlb-grouped, 4 KiB pages");
 * }</pre>
 *
 * @param value the figure, in {@code unit}
 * @param unit the unit, e.g. "ns", "B/s", "FLOP/s", "Hz"
 * @param statistic which statistic of the samples {@code value} is
 * @param samples every sample kept
 * @param method how it was measured, in words a reader can repeat
 * @param variant the variant measured (access pattern, page size, ...), or "" if none
 */
public record Figure(
    double value,
    String unit,
    Statistic statistic,
    Samples samples,
    String method,
    String variant) {
  /**
   * Validates the figure.
   *
   * @param value finite value
   * @param unit unit
   * @param statistic statistic
   * @param samples samples
   * @param method method
   * @param variant variant
   */
  public Figure {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a figure must be finite, was " + value);
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(variant, "variant");
  }

  /**
   * A figure whose value is {@code statistic} of the samples.
   *
   * @param samples the raw samples
   * @param statistic which one to report
   * @param unit the unit of the samples
   * @param method how they were measured
   * @return the figure, with no variant
   */
  public static Figure of(Samples samples, Statistic statistic, String unit, String method) {
    return new Figure(samples.pick(statistic), unit, statistic, samples, method, "");
  }

  /**
   * The same figure, labelled with a variant.
   *
   * @param newVariant e.g. "tlb-grouped, 4 KiB pages"
   * @return a copy
   */
  public Figure withVariant(String newVariant) {
    return new Figure(value, unit, statistic, samples, method, newVariant);
  }

  /**
   * This figure's samples and another measurement's of the same quantity, as one figure: the
   * statistic, unit, method and variant are this one's, the value that statistic of all the samples
   * (the best of both visits, for a best-of statistic).
   *
   * <pre>{@code
   * Figure both = firstVisit.pooledWith(secondVisit); // samples of both, value recomputed
   * }</pre>
   *
   * @param other a second measurement, in the same unit
   * @return the pooled figure
   */
  public Figure pooledWith(Figure other) {
    if (!unit.equals(other.unit)) {
      throw new IllegalArgumentException("cannot pool " + unit + " with " + other.unit);
    }
    return of(samples.followedBy(other.samples), statistic, unit, method).withVariant(variant);
  }

  /**
   * The same samples converted by a factor (e.g. seconds per op to ops per second is not linear;
   * use this only for linear unit changes such as ns to cycles).
   *
   * @param factor multiplier applied to the value and every sample
   * @param newUnit the unit after conversion
   * @return a copy in the new unit
   */
  public Figure scaled(double factor, String newUnit) {
    double[] v = samples.values();
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return new Figure(
        value * factor,
        newUnit,
        statistic,
        new Samples(v, samples.warmupsDiscarded()),
        method,
        variant);
  }

  /**
   * Relative spread of the samples: (max - min) / value.
   *
   * @return 0 for identical samples
   */
  public double relativeSpread() {
    return value == 0 ? 0 : (samples.max() - samples.min()) / Math.abs(value);
  }
}

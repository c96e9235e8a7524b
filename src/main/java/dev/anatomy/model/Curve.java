package dev.anatomy.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A measured curve over working-set sizes (latency or bandwidth), read at any size by interpolating
 * linearly in log(size) between the two nearest points, and held flat beyond its ends.
 *
 * @param points (sizeBytes, value) pairs, ascending in size
 */
public record Curve(List<Point> points) {
  /**
   * One measured point.
   *
   * @param sizeBytes working set
   * @param value the figure at that size
   */
  public record Point(long sizeBytes, double value) {}

  /**
   * Sorts and copies the points.
   *
   * @param points points in any order
   */
  public Curve {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingLong(Point::sizeBytes));
    points = List.copyOf(sorted);
  }

  /**
   * Whether the curve has no points.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return points.isEmpty();
  }

  /**
   * The value at a size.
   *
   * @param sizeBytes any positive size
   * @return the interpolated value
   * @throws IllegalStateException on an empty curve
   */
  public double at(long sizeBytes) {
    if (points.isEmpty()) {
      throw new IllegalStateException("empty curve");
    }
    Point first = points.get(0);
    if (sizeBytes <= first.sizeBytes()) {
      return first.value();
    }
    for (int i = 1; i < points.size(); i++) {
      Point hi = points.get(i);
      if (sizeBytes <= hi.sizeBytes()) {
        Point lo = points.get(i - 1);
        double t =
            Math.log((double) sizeBytes / lo.sizeBytes())
                / Math.log((double) hi.sizeBytes() / lo.sizeBytes());
        return lo.value() + t * (hi.value() - lo.value());
      }
    }
    return points.get(points.size() - 1).value();
  }

  /**
   * The median of the points between two sizes: a flat stretch of the curve (memory, past every
   * cache) read without letting one disturbed point decide.
   *
   * @param fromBytes smallest size counted
   * @param toBytes largest size counted
   * @return the median, empty if no point lies between
   */
  public java.util.OptionalDouble medianBetween(long fromBytes, long toBytes) {
    double[] v =
        points.stream()
            .filter(p -> p.sizeBytes() >= fromBytes && p.sizeBytes() <= toBytes)
            .mapToDouble(Point::value)
            .sorted()
            .toArray();
    if (v.length == 0) {
      return java.util.OptionalDouble.empty();
    }
    return java.util.OptionalDouble.of(
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
  }
}

package dev.anatomy.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.result.FigureIndex;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs compared figure by figure: every figure present in both, with the ratio of their values
 * and whether the difference is significant given their samples (see {@link Significance}).
 *
 * <pre>{@code
 * Comparison c = Comparison.of(before, after);
 * List<FigureComparison> worse = c.regressions(5);   // significantly worse by more than 5%
 * }</pre>
 *
 * @param figures the figures in both runs, in the first run's order
 * @param onlyInA paths of figures only the first run has
 * @param onlyInB paths of figures only the second run has
 * @param falseDiscoveryRate the rate the significance was controlled at
 */
public record Comparison(
    List<FigureComparison> figures,
    List<String> onlyInA,
    List<String> onlyInB,
    double falseDiscoveryRate) {
  /**
   * Copies the lists.
   *
   * @param figures figures
   * @param onlyInA only in A
   * @param onlyInB only in B
   * @param falseDiscoveryRate rate
   */
  public Comparison {
    figures = List.copyOf(figures);
    onlyInA = List.copyOf(onlyInA);
    onlyInB = List.copyOf(onlyInB);
  }

  /**
   * Compares two documents at the default false discovery rate.
   *
   * @param a the first (earlier, baseline) run
   * @param b the second (later, candidate) run
   * @return the comparison
   */
  public static Comparison of(JsonNode a, JsonNode b) {
    return of(a, b, Significance.DEFAULT_FALSE_DISCOVERY_RATE);
  }

  /**
   * Compares two documents.
   *
   * @param a the first run
   * @param b the second run
   * @param falseDiscoveryRate e.g. 0.05
   * @return the comparison
   */
  public static Comparison of(JsonNode a, JsonNode b, double falseDiscoveryRate) {
    Map<String, FigureIndex.Entry> left = FigureIndex.byPath(a);
    Map<String, FigureIndex.Entry> right = FigureIndex.byPath(b);
    List<FigureIndex.Entry[]> pairs = new ArrayList<>();
    List<String> onlyInA = new ArrayList<>();
    for (Map.Entry<String, FigureIndex.Entry> e : left.entrySet()) {
      FigureIndex.Entry other = right.get(e.getKey());
      if (other == null || !other.figure().unit().equals(e.getValue().figure().unit())) {
        onlyInA.add(e.getKey());
      } else {
        pairs.add(new FigureIndex.Entry[] {e.getValue(), other});
      }
    }
    List<String> onlyInB = new ArrayList<>();
    for (Map.Entry<String, FigureIndex.Entry> e : right.entrySet()) {
      FigureIndex.Entry other = left.get(e.getKey());
      if (other == null || !other.figure().unit().equals(e.getValue().figure().unit())) {
        onlyInB.add(e.getKey());
      }
    }
    double[] p = new double[pairs.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] =
          Significance.pValue(
              pairs.get(i)[0].figure().samples().values(),
              pairs.get(i)[1].figure().samples().values());
    }
    boolean[] significant = Significance.benjaminiHochberg(p, falseDiscoveryRate);
    List<FigureComparison> figures = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      FigureIndex.Entry ea = pairs.get(i)[0];
      FigureIndex.Entry eb = pairs.get(i)[1];
      figures.add(
          new FigureComparison(
              ea.path(),
              ea.figure(),
              eb.figure(),
              Direction.of(ea.keys(), ea.figure().unit()),
              p[i],
              significant[i]));
    }
    return new Comparison(figures, onlyInA, onlyInB, falseDiscoveryRate);
  }

  /**
   * The figures significantly worse by more than a tolerance.
   *
   * @param percent tolerance in percent, e.g. 5
   * @return those figures, in order
   */
  public List<FigureComparison> regressions(double percent) {
    return figures.stream().filter(f -> f.regressedBeyond(percent)).toList();
  }

  /**
   * How many figures got each verdict.
   *
   * @return verdict to count, every verdict present
   */
  public Map<FigureComparison.Verdict, Integer> counts() {
    Map<FigureComparison.Verdict, Integer> out = new EnumMap<>(FigureComparison.Verdict.class);
    for (FigureComparison.Verdict v : FigureComparison.Verdict.values()) {
      out.put(v, 0);
    }
    figures.forEach(f -> out.merge(f.verdict(), 1, Integer::sum));
    return out;
  }
}

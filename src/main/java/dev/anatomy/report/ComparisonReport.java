package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.compare.Comparison;
import dev.anatomy.compare.FigureComparison;
import dev.anatomy.compare.FigureComparison.Verdict;
import java.util.Locale;
import java.util.Map;

/** {@code anatomy compare}: two runs side by side, figure by figure, and a summary. */
public final class ComparisonReport {
  private ComparisonReport() {}

  /**
   * Renders a comparison.
   *
   * @param a the first run's document
   * @param b the second run's document
   * @param c their comparison
   * @param onlySignificant show only figures with a significant difference
   * @return the text
   */
  public static String render(JsonNode a, JsonNode b, Comparison c, boolean onlySignificant) {
    StringBuilder out = new StringBuilder();
    out.append("A  ").append(describe(a)).append('\n');
    out.append("B  ").append(describe(b)).append('\n');
    out.append('\n');
    Table t = new Table("figure", "A", "B", "B/A", "change", "p", "verdict");
    int rows = 0;
    for (FigureComparison f : c.figures()) {
      Verdict v = f.verdict();
      if (onlySignificant && (v == Verdict.SAME || v == Verdict.UNTESTED)) {
        continue;
      }
      t.add(
          f.path(),
          Quantity.of(f.a().value(), f.a().unit()),
          Quantity.of(f.b().value(), f.b().unit()),
          Double.isFinite(f.ratio()) ? String.format(Locale.ROOT, "%.3f", f.ratio()) : Format.NONE,
          Quantity.change(f.ratio()),
          Quantity.pValue(f.pValue()),
          verdict(f));
      rows++;
    }
    if (rows > 0) {
      out.append(t.render(""));
      out.append('\n');
    }
    out.append(summary(c)).append('\n');
    return out.toString();
  }

  private static String verdict(FigureComparison f) {
    return switch (f.verdict()) {
      case BETTER -> "better";
      case WORSE -> "WORSE";
      case DIFFERENT -> "different (direction unknown)";
      case SAME -> "same (within noise)";
      case UNTESTED -> "untested (too few samples)";
    };
  }

  /**
   * One line: how many figures got each verdict, and how the significance was decided.
   *
   * @param c the comparison
   * @return the line, without a newline
   */
  public static String summary(Comparison c) {
    Map<Verdict, Integer> n = c.counts();
    return String.format(
        Locale.ROOT,
        "%d figures in both: %d better, %d worse, %d different (direction unknown), %d within noise,"
            + " %d untested; %d only in A, %d only in B (Mann-Whitney U per figure,"
            + " false discovery rate %.0f%% over all figures)",
        c.figures().size(),
        n.get(Verdict.BETTER),
        n.get(Verdict.WORSE),
        n.get(Verdict.DIFFERENT),
        n.get(Verdict.SAME),
        n.get(Verdict.UNTESTED),
        c.onlyInA().size(),
        c.onlyInB().size(),
        c.falseDiscoveryRate() * 100);
  }

  private static String describe(JsonNode doc) {
    JsonNode run = doc.path("run");
    return String.format(
        Locale.ROOT,
        "%s  %s  %s  %s  %s%s",
        run.path("id").asText("?"),
        run.path("startedAt").asText("?"),
        run.path("host").asText("?"),
        doc.path("machine").path("modelName").asText("?"),
        run.path("effort").asText("?"),
        run.path("partial").asBoolean() ? "  PARTIAL" : "");
  }
}

package dev.anatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anatomy.model.KernelSpec;
import dev.anatomy.model.Prediction;
import dev.anatomy.run.Sizes;
import java.util.Locale;

/** A prediction as text for the terminal. */
final class PredictionText {
  private PredictionText() {}

  static String render(Prediction p, JsonNode doc) {
    KernelSpec k = p.kernel();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "kernel%s: %s flops, %s B read, %s B written per iteration; %.4g iterations;"
                + " working set %s, %s access; %s, %d thread%s%s%s%n",
            k.name().equals("kernel") ? "" : " " + k.name(),
            num(k.flopsPerIteration()),
            num(k.bytesReadPerIteration()),
            num(k.bytesWrittenPerIteration()),
            k.iterations(),
            Sizes.format(k.workingSetBytes()),
            k.access(),
            k.precision().name().toLowerCase(Locale.ROOT),
            k.threads(),
            k.threads() == 1 ? "" : "s",
            k.vectorised() ? ", vectorised" : ", scalar",
            k.fma() ? ", FMA" : ""));
    out.append(
        String.format(
            Locale.ROOT,
            "on run %s (%s, %s)%n",
            doc.path("run").path("id").asText("?"),
            doc.path("run").path("host").asText("?"),
            doc.path("run").path("startedAt").asText("?")));
    out.append(
        String.format(
            Locale.ROOT,
            "%npredicted %s   attainable %.3g GFLOP/s, %s%n",
            seconds(p.predictedSeconds()),
            p.attainableFlopsPerSecond() / 1e9,
            Sizes.formatRate(p.attainableBytesPerSecond())));
    out.append("bound: ")
        .append(p.bound().kind())
        .append(" / ")
        .append(p.bound().tier())
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "  compute alone %s, data alone %s, serial part %s; ECM-style sum over tiers %s%n",
            seconds(p.computeSeconds()),
            seconds(p.dataSeconds()),
            seconds(p.serialSeconds()),
            seconds(p.ecmSeconds())));
    out.append("\nceilings (time were each the only limit, and its share of the prediction):\n");
    for (Prediction.Ceiling c : p.ceilings()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-34s %14s  %10s  %4.0f%%%n",
              c.name(),
              c.kind().equals("compute")
                  ? String.format(Locale.ROOT, "%.3g GFLOP/s", c.value() / 1e9)
                  : Sizes.formatRate(c.value()),
              seconds(c.secondsAtCeiling()),
              c.headroom() * 100));
    }
    out.append("\nassumptions:\n");
    for (String a : p.assumptions()) {
      out.append("  - ").append(a).append('\n');
    }
    return out.toString();
  }

  private static String num(double v) {
    // whole numbers as integers while a long holds them exactly; larger ones in exponent form
    if (Math.abs(v) >= 1e15) {
      return String.format(Locale.ROOT, "%.4g", v);
    }
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  static String seconds(double s) {
    if (s == 0) {
      return "0 s";
    }
    if (s < 1e-6) {
      return String.format(Locale.ROOT, "%.3g ns", s * 1e9);
    }
    if (s < 1e-3) {
      return String.format(Locale.ROOT, "%.3g us", s * 1e6);
    }
    if (s < 1) {
      return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
    }
    return String.format(Locale.ROOT, "%.3g s", s);
  }
}

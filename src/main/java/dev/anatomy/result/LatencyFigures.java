package dev.anatomy.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.Samples;
import dev.anatomy.harness.Statistic;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in the document's shape, from HdrHistograms of every operation.
 *
 * <p>A run is cut into rounds, each with its own histogram. Each percentile is a {@link Figure}
 * whose samples are that percentile in every round and whose value is their median, so the spread
 * between rounds shows beside it. The histogram of all rounds together is kept too, in
 * HdrHistogram's compressed, base64 form, so any other percentile can be read later:
 *
 * <pre>{@code
 * "randomReadLatencyNs": {"p50": 86000.0, "p99": 470000.0, "p999": 900000.0, "count": 8700,
 *   "details": {"p50": {...}, ...}, "histogram": "HISTFAAAA..."}
 * }</pre>
 */
public final class LatencyFigures {
  /** The percentiles written, with the key each gets. */
  private static final List<Double> PERCENTILES = List.of(50.0, 99.0, 99.9);

  private static final List<String> KEYS = List.of("p50", "p99", "p999");

  /** Highest latency a histogram records: one hour, in nanoseconds. */
  public static final long HIGHEST_NS = 3_600_000_000_000L;

  private LatencyFigures() {}

  /**
   * A histogram for latencies in nanoseconds, 3 significant digits, up to {@link #HIGHEST_NS}.
   *
   * @return an empty histogram
   */
  public static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_NS, 3);
  }

  /**
   * Writes the percentiles of a run at {@code parent.key}.
   *
   * @param parent the object to write into
   * @param key the figure's name, e.g. "randomReadLatencyNs"
   * @param rounds one histogram per round, each with at least one value
   * @param method how the latencies were taken
   * @param variant the variant, or ""
   * @return the object written
   * @throws IllegalArgumentException if there is no round or a round is empty
   */
  public static ObjectNode put(
      ObjectNode parent, String key, List<Histogram> rounds, String method, String variant) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("at least one round is needed");
    }
    Histogram all = newHistogram();
    for (Histogram h : rounds) {
      if (h.getTotalCount() == 0) {
        throw new IllegalArgumentException("a round recorded no latency");
      }
      all.add(h);
    }
    ObjectNode o = parent.putObject(key);
    for (int i = 0; i < PERCENTILES.size(); i++) {
      double p = PERCENTILES.get(i);
      double[] perRound = new double[rounds.size()];
      for (int r = 0; r < perRound.length; r++) {
        perRound[r] = rounds.get(r).getValueAtPercentile(p);
      }
      Figure f =
          Figure.of(
                  Samples.of(perRound),
                  Statistic.MEDIAN,
                  "ns",
                  method
                      + "; each sample is the "
                      + formatPercentile(p)
                      + " percentile of one round's HdrHistogram (3 significant digits), the figure"
                      + " their median")
              .withVariant(variant);
      Figures.put(o, KEYS.get(i), f);
    }
    o.put("count", all.getTotalCount());
    o.put("rounds", rounds.size());
    o.put("histogram", encode(all));
    return o;
  }

  /**
   * HdrHistogram's interchange form: compressed, then base64 ("HISTFAAA...").
   *
   * @param h the histogram
   * @return the text
   */
  public static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf, 9);
    byte[] bytes = new byte[n];
    buf.flip();
    buf.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Reads a histogram written by {@link #encode}.
   *
   * @param text base64 text
   * @return the histogram
   * @throws java.util.zip.DataFormatException if the text is not a compressed histogram
   */
  public static Histogram decode(String text) throws java.util.zip.DataFormatException {
    return Histogram.decodeFromCompressedByteBuffer(
        ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
  }

  private static String formatPercentile(double p) {
    return p == Math.rint(p) ? Long.toString((long) p) + "th" : p + "th";
  }
}

package dev.anatomy.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the camel-case keys of documents into words, to read the unit in a key ({@code
 * readBytesPerSecondAllThreads} is bytes per second) and to turn keys into snake case for formats
 * that want it (OpenMetrics).
 */
public final class KeyWords {
  private KeyWords() {}

  /**
   * The words of a key, lower case. A capital starts a word; a run of capitals is one word (an
   * acronym); digits stay with the word before them; other characters separate words.
   *
   * @param key e.g. "tcpRoundTripNs", "fp64AllCores", "randomReadIopsQd32"
   * @return e.g. [tcp, round, trip, ns], [fp64, all, cores], [random, read, iops, qd32]
   */
  public static List<String> of(String key) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(w, out);
        continue;
      }
      boolean boundary =
          Character.isUpperCase(c)
              && !w.isEmpty()
              && !(Character.isUpperCase(w.charAt(w.length() - 1))
                  && (i + 1 >= key.length() || !Character.isLowerCase(key.charAt(i + 1))));
      if (boundary) {
        flush(w, out);
      }
      w.append(c);
    }
    flush(w, out);
    return out;
  }

  /**
   * A key in snake case.
   *
   * @param key e.g. "pageSizeBytes"
   * @return e.g. "page_size_bytes"
   */
  public static String snake(String key) {
    return String.join("_", of(key));
  }

  private static void flush(StringBuilder w, List<String> out) {
    if (!w.isEmpty()) {
      out.add(w.toString().toLowerCase(Locale.ROOT));
      w.setLength(0);
    }
  }
}

package dev.anatomy.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte sizes. Binary units (KiB = 1024) are anatomy's convention; K, M, G and T
 * alone are binary too; kB, MB, GB and TB are decimal, as the SI says.
 *
 * <pre>{@code
 * Sizes.parse("--disk-size", "1GiB")  // 1073741824
 * Sizes.parse("--disk-size", "512M")  // 536870912
 * Sizes.format(1536)                  // "1.5 KiB"
 * }</pre>
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*$");

  private Sizes() {}

  /**
   * Parses a size.
   *
   * @param option the option's name, for the error message
   * @param text e.g. "4096", "64KiB", "1.5GiB", "2G", "500MB"
   * @return bytes, positive
   * @throws UsageException for anything else, zero, or a size beyond 2^62 bytes
   */
  public static long parse(String option, String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw bad(option, text);
    }
    double number = Double.parseDouble(m.group(1));
    double multiplier =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "", "b" -> 1;
          case "k", "kib" -> 1L << 10;
          case "m", "mib" -> 1L << 20;
          case "g", "gib" -> 1L << 30;
          case "t", "tib" -> 1L << 40;
          case "kb" -> 1e3;
          case "mb" -> 1e6;
          case "gb" -> 1e9;
          case "tb" -> 1e12;
          default -> throw bad(option, text);
        };
    double bytes = number * multiplier;
    if (!(bytes >= 1) || bytes > (double) (1L << 62)) {
      throw new UsageException(option + " must be between 1 byte and 4 EiB, was '" + text + "'");
    }
    return Math.round(bytes);
  }

  private static UsageException bad(String option, String text) {
    return new UsageException(
        option + " must be a size such as 4096, 64KiB, 512MiB or 2GiB, was '" + text + "'");
  }

  /**
   * Formats bytes with a binary unit, three significant digits.
   *
   * @param bytes non-negative
   * @return e.g. "32 KiB", "1.5 MiB", "24 GiB"
   */
  public static String format(double bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return trim(v) + " " + units[u];
  }

  /**
   * Formats a rate in bytes per second with a decimal unit, as bandwidths are quoted.
   *
   * @param bytesPerSecond the rate
   * @return e.g. "19.3 GB/s"
   */
  public static String formatRate(double bytesPerSecond) {
    String[] units = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};
    int u = 0;
    double v = bytesPerSecond;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return trim(v) + " " + units[u];
  }

  private static String trim(double v) {
    if (v >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return v >= 10
        ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "");
  }
}

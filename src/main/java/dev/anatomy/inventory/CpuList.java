package dev.anatomy.inventory;

import java.util.ArrayList;
import java.util.List;

/** The kernel's CPU list format: {@code 0-3,8,10-11}. */
public final class CpuList {
  private CpuList() {}

  /**
   * Parses a CPU list.
   *
   * @param text e.g. "0-3,8"; blank means none
   * @return CPU numbers in the order written
   * @throws IllegalArgumentException on malformed text
   */
  public static List<Integer> parse(String text) {
    List<Integer> cpus = new ArrayList<>();
    String t = text.trim();
    if (t.isEmpty()) {
      return cpus;
    }
    for (String part : t.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-');
      try {
        if (dash < 0) {
          cpus.add(Integer.parseInt(p));
        } else {
          int lo = Integer.parseInt(p.substring(0, dash));
          int hi = Integer.parseInt(p.substring(dash + 1));
          if (hi < lo) {
            throw new IllegalArgumentException("descending CPU range '" + p + "'");
          }
          for (int c = lo; c <= hi; c++) {
            cpus.add(c);
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed CPU list '" + text + "'", e);
      }
    }
    return cpus;
  }
}

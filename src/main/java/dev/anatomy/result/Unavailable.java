package dev.anatomy.result;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures that could not be measured, each with the reason. Written to the document's top-level
 * {@code unavailable} object, keyed by the figure's dotted path (e.g. {@code links.pcie}).
 * Thread-safe.
 */
public final class Unavailable {
  private final Map<String, String> reasons = new LinkedHashMap<>();

  /**
   * Records why a figure is missing.
   *
   * @param key dotted path of the figure, e.g. "compute.smt"
   * @param reason one sentence a user can act on, e.g. "no SMT siblings: each core runs one thread"
   */
  public synchronized void add(String key, String reason) {
    reasons.put(key, reason);
  }

  /**
   * The reasons recorded so far.
   *
   * @return a copy, in the order recorded
   */
  public synchronized Map<String, String> asMap() {
    return new LinkedHashMap<>(reasons);
  }

  /**
   * Whether nothing is unavailable.
   *
   * @return true if no reason was recorded
   */
  public synchronized boolean isEmpty() {
    return reasons.isEmpty();
  }
}

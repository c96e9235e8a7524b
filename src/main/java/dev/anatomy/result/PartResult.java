package dev.anatomy.result;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anatomy.harness.NoiseRecord;
import java.util.List;
import java.util.Map;

/**
 * What one part of the machine (compute, memory, storage, links) produced.
 *
 * @param part the part's name, also its section key in the document
 * @param section the part's figures, in the document's shape
 * @param unavailable dotted key to reason, for figures that could not be measured
 * @param noise how quiet the machine was during each step
 * @param complete false if the part stopped early (interrupted or failed mid-way)
 */
public record PartResult(
    String part,
    ObjectNode section,
    Map<String, String> unavailable,
    List<NoiseRecord> noise,
    boolean complete) {
  /**
   * Copies the collections.
   *
   * @param part part
   * @param section section
   * @param unavailable unavailable
   * @param noise noise
   * @param complete complete
   */
  public PartResult {
    unavailable = Map.copyOf(unavailable);
    noise = List.copyOf(noise);
  }
}

package dev.anatomy.report;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders one part's section of the card from the document. */
public interface CardSection {
  /**
   * The document key of the part this renders.
   *
   * @return e.g. "memory"
   */
  String part();

  /**
   * Renders the section.
   *
   * @param document the whole document (a section may use figures from another part)
   * @return text lines ending in a newline, or "" if the document has no such part
   */
  String render(JsonNode document);
}

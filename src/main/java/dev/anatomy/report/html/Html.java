package dev.anatomy.report.html;

/** Escaping for text placed in HTML, and for JSON placed inside a script element. */
final class Html {
  private Html() {}

  /**
   * Escapes text for an element's content or a quoted attribute.
   *
   * @param text any text, possibly null
   * @return the text with {@code & < > " '} escaped; "" for null
   */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Makes JSON text safe inside {@code <script type="application/json">}: {@code <}, {@code >} and
   * {@code &} can only occur inside JSON strings, where their \\u escapes mean the same, so no
   * {@code </script>} or {@code <!--} can end the element early.
   *
   * @param json JSON text
   * @return the same JSON value, with those three characters escaped
   */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  /**
   * Makes script text safe inside a {@code <script>} element.
   *
   * @param js script text
   * @return the text with every {@code </script} broken so the element cannot end early
   */
  static String script(String js) {
    return js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT");
  }
}

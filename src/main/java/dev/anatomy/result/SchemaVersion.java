package dev.anatomy.result;

/**
 * The version of the JSON document's shape. Raise it whenever a key is renamed, removed or changes
 * meaning; adding keys does not need a new version. Documented in {@code docs/}.
 */
public final class SchemaVersion {
  /** The version this build writes. */
  public static final int CURRENT = 1;

  /**
   * The oldest version this build can read: older documents are upgraded on reading. Version 0 is
   * the pre-release shape (see {@code docs/document.md}).
   */
  public static final int OLDEST_READABLE = 0;

  private SchemaVersion() {}
}

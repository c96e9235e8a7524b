package dev.anatomy.run;

/** anatomy's own version, from the jar's manifest (set by Maven). */
public final class Version {
  private Version() {}

  /**
   * The version.
   *
   * @return e.g. "0.1.0", or "dev" when running from classes outside a jar
   */
  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}

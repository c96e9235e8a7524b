package dev.anatomy.cli;

/** Entry point. */
public final class Main {
  private Main() {}

  /**
   * Runs anatomy.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.out.println("anatomy");
  }
}

package dev.anatomy.cli;

/** The exit codes every anatomy command uses. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An internal failure: a bug, or the machine failed in a way the user could not foresee. */
  public static final int INTERNAL = 1;

  /** Bad input, or an unusable resource the user named (path, directory, store, peer). */
  public static final int BAD_INPUT = 2;

  /** {@code compare --fail-if-slower} found a significant regression. */
  public static final int REGRESSION = 3;

  private ExitCodes() {}
}

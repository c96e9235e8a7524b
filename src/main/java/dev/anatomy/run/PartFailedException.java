package dev.anatomy.run;

/** A part's forked JVM failed or was interrupted before it produced a result. */
public final class PartFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean interrupted;

  /**
   * Creates the exception.
   *
   * @param message what failed, in one line
   * @param interrupted true if the child was stopped by a signal (Ctrl-C)
   */
  public PartFailedException(String message, boolean interrupted) {
    super(message);
    this.interrupted = interrupted;
  }

  /**
   * Whether the part was stopped by a signal rather than failing.
   *
   * @return true if interrupted
   */
  public boolean interrupted() {
    return interrupted;
  }
}

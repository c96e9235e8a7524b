package dev.anatomy.run;

/**
 * Bad input or an unusable resource the user named. The command line prints the message as one line
 * on stderr and exits with exit status 2 (see {@code dev.anatomy.cli.ExitCodes}), before anything
 * is measured where that can be known in advance. The message names what was wrong and what is
 * allowed, e.g. "--disk-size must be a size such as 512MiB or 2GiB, was 'lots'".
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line: what was wrong and what is allowed
   */
  public UsageException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message one line: what was wrong and what is allowed
   * @param cause the underlying error
   */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}

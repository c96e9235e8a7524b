package dev.anatomy.harness;

/** A C library call failed; the message names the call and the C library's reason. */
public final class NativeCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the call and its reason, e.g. "mmap of 1073741824 bytes: Cannot allocate memory
   *     (errno 12)"
   */
  public NativeCallException(String message) {
    super(message);
  }
}

package dev.anatomy.link;

import java.io.IOException;

/** A peer is unreachable, is not an anatomy peer, is busy, stalled, or broke the protocol. */
public final class PeerException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line naming the peer and what went wrong
   */
  public PeerException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message one line naming the peer and what went wrong
   * @param cause the underlying error
   */
  public PeerException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.anatomy.link;

import java.nio.ByteBuffer;

/**
 * The wire protocol between {@code anatomy measure --peer} and {@code anatomy serve}. Every field
 * is big-endian and every message has a fixed size or a size bounded here, so a peer can check what
 * it reads before it allocates anything.
 *
 * <pre>
 * hello        client -> server  magic "ANATOMY\0" (8) | version u16 | reserved u16
 * hello reply  server -> client  magic "ANATOMY\0" (8) | version u16 | status u16
 * request      client -> server  op u32 | size u32 | count u64
 * reply        server -> client  status u32
 *   ECHO size count: the client sends count messages of size bytes; each is echoed at once
 *   SINK size 0:     the client streams bytes and half-closes; the server answers the count (u64)
 *   BYE:             the server closes
 * </pre>
 *
 * A peer that does not answer the hello with the magic is not an anatomy peer.
 */
public final class PeerProtocol {
  /** The version this build speaks. */
  public static final int VERSION = 1;

  /** The port {@code anatomy serve} listens on unless told. */
  public static final int DEFAULT_PORT = 7787;

  /** "ANATOMY\0". */
  static final long MAGIC = 0x414E41544F4D5900L;

  static final int HELLO_BYTES = 12;
  static final int REQUEST_BYTES = 16;
  static final int REPLY_BYTES = 4;

  /** The largest echo message: bounds what a server allocates for a client. */
  public static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** The most echoes one request may ask for. */
  static final long MAX_ECHOES = 1L << 32;

  static final int OP_ECHO = 1;
  static final int OP_SINK = 2;
  static final int OP_BYE = 3;

  static final int STATUS_OK = 0;
  static final int STATUS_BUSY = 1;
  static final int STATUS_VERSION = 2;
  static final int STATUS_BAD_REQUEST = 3;

  private PeerProtocol() {}

  static ByteBuffer hello(int status) {
    ByteBuffer b = ByteBuffer.allocateDirect(HELLO_BYTES);
    b.putLong(MAGIC).putShort((short) VERSION).putShort((short) status).flip();
    return b;
  }

  static ByteBuffer request(int op, int size, long count) {
    ByteBuffer b = ByteBuffer.allocateDirect(REQUEST_BYTES);
    b.putInt(op).putInt(size).putLong(count).flip();
    return b;
  }

  /**
   * Checks a request before anything is allocated for it.
   *
   * @param op the operation
   * @param size its size field
   * @param count its count field
   * @return null if acceptable, else why not
   */
  static String checkRequest(int op, int size, long count) {
    return switch (op) {
      case OP_ECHO ->
          size < 1 || size > MAX_MESSAGE_BYTES
              ? "echo message size must be between 1 and " + MAX_MESSAGE_BYTES + ", was " + size
              : count < 1 || count > MAX_ECHOES
                  ? "echo count must be between 1 and " + MAX_ECHOES + ", was " + count
                  : null;
      case OP_SINK -> null;
      case OP_BYE -> null;
      default -> "unknown operation " + op;
    };
  }

  /**
   * What a hello reply says, as an exception if it is not a welcome.
   *
   * @param reply the 12 bytes read
   * @param peer the peer's address, for the message
   * @throws PeerException if the peer is not an anatomy peer, is busy, or speaks another version
   */
  static void checkHelloReply(ByteBuffer reply, String peer) throws PeerException {
    long magic = reply.getLong(0);
    int version = reply.getShort(8) & 0xffff;
    int status = reply.getShort(10) & 0xffff;
    if (magic != MAGIC) {
      throw new PeerException(
          peer + " did not answer as an anatomy peer (run 'anatomy serve' there)");
    }
    switch (status) {
      case STATUS_OK -> {}
      case STATUS_BUSY ->
          throw new PeerException(peer + " is an anatomy peer but serves too many clients now");
      case STATUS_VERSION ->
          throw new PeerException(
              peer + " speaks anatomy peer protocol " + version + ", this build " + VERSION);
      default -> throw new PeerException(peer + " answered the hello with status " + status);
    }
  }
}

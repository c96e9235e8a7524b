package dev.anatomy.link;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.result.LatencyFigures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * One connection to an anatomy peer, past the handshake. Round trips are timed here, on the client;
 * every echo is checked to carry the sequence number sent, and every stream's byte count is checked
 * against the peer's.
 */
public final class PeerClient implements AutoCloseable {
  private final TimedChannel channel;
  private final Watchdog watchdog;
  private final boolean ownsWatchdog;

  private PeerClient(TimedChannel channel, Watchdog watchdog, boolean ownsWatchdog) {
    this.channel = channel;
    this.watchdog = watchdog;
    this.ownsWatchdog = ownsWatchdog;
  }

  /**
   * Connects and shakes hands.
   *
   * @param peer the peer
   * @param timeout for the connect and every later read and write
   * @return the client
   * @throws PeerException if the peer cannot be reached or is not an anatomy peer
   */
  public static PeerClient connect(InetSocketAddress peer, Duration timeout) throws PeerException {
    Watchdog w = new Watchdog("anatomy-peer-client-watchdog");
    try {
      return connect(peer, timeout, w, true);
    } catch (PeerException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  static PeerClient connect(
      InetSocketAddress peer, Duration timeout, Watchdog watchdog, boolean ownsWatchdog)
      throws PeerException {
    String name = PeerAddress.format(peer);
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
    } catch (IOException e) {
      throw new PeerException("cannot open a socket: " + e.getMessage(), e);
    }
    TimedChannel c = new TimedChannel(ch, watchdog, timeout.toNanos(), name);
    try {
      ch.socket().connect(peer, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      c.writeFully(PeerProtocol.hello(PeerProtocol.STATUS_OK));
      ByteBuffer reply = ByteBuffer.allocate(PeerProtocol.HELLO_BYTES);
      c.readFully(reply);
      PeerProtocol.checkHelloReply(reply, name);
      return new PeerClient(c, watchdog, ownsWatchdog);
    } catch (PeerException e) {
      c.close();
      throw e;
    } catch (IOException | UnresolvedAddressException e) {
      c.close();
      throw new PeerException(name + " did not answer: " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /**
   * Asks for {@code count} echoes of {@code size} bytes and times each round trip into {@code
   * into}, in nanoseconds. The request's own round trip is not timed.
   *
   * @param size message bytes, at least 8
   * @param count round trips
   * @param sequence the first message's sequence number
   * @param into the histogram
   * @throws IOException on error, stall, or an echo that is not the message sent
   */
  public void pingPong(int size, int count, long sequence, Histogram into) throws IOException {
    if (size < 8) {
      throw new IllegalArgumentException("message size must be at least 8, was " + size);
    }
    request(PeerProtocol.OP_ECHO, size, count);
    ByteBuffer out = ByteBuffer.allocateDirect(size);
    ByteBuffer in = ByteBuffer.allocateDirect(size);
    for (int i = 0; i < count; i++) {
      long seq = sequence + i;
      out.clear();
      out.putLong(0, seq);
      in.clear();
      long t0 = System.nanoTime();
      channel.writeFully(out);
      channel.readFully(in);
      long rtt = System.nanoTime() - t0;
      into.recordValue(Math.min(rtt, LatencyFigures.HIGHEST_NS));
      if (in.getLong(0) != seq) {
        throw new KernelCheckException(
            channel.peer() + " echoed message " + in.getLong(0) + " for message " + seq);
      }
    }
  }

  /**
   * Streams bytes to the peer for a while, then half-closes and waits for the peer's count. The
   * connection is used up.
   *
   * @param writeBytes bytes per write call
   * @param forNs how long to send
   * @return bytes the peer received, and the times from the first write to the peer's count
   * @throws IOException on error, stall, or a count that differs from what was sent
   */
  public Stream stream(int writeBytes, long forNs) throws IOException {
    request(PeerProtocol.OP_SINK, 0, 0);
    ByteBuffer buf = ByteBuffer.allocateDirect(writeBytes);
    long sent = 0;
    long start = System.nanoTime();
    long deadline = start + forNs;
    do {
      buf.clear();
      channel.writeFully(buf);
      sent += writeBytes;
    } while (System.nanoTime() < deadline);
    channel.channel().shutdownOutput();
    ByteBuffer count = ByteBuffer.allocateDirect(8);
    channel.readFully(count);
    long end = System.nanoTime();
    long received = count.getLong(0);
    KernelCheckException.failIfNot("tcp stream to " + channel.peer(), sent, received);
    return new Stream(received, start, end);
  }

  /**
   * What one stream moved.
   *
   * @param bytes bytes the peer counted
   * @param startNs first write
   * @param endNs the peer's count received
   */
  public record Stream(long bytes, long startNs, long endNs) {}

  /**
   * Says goodbye, so the peer closes its side at once.
   *
   * @throws IOException if the peer is gone
   */
  public void bye() throws IOException {
    request(PeerProtocol.OP_BYE, 0, 0);
  }

  private void request(int op, int size, long count) throws IOException {
    channel.writeFully(PeerProtocol.request(op, size, count));
    ByteBuffer reply = ByteBuffer.allocateDirect(PeerProtocol.REPLY_BYTES);
    channel.readFully(reply);
    int status = reply.getInt(0);
    if (status != PeerProtocol.STATUS_OK) {
      throw new PeerException(
          channel.peer() + " refused request " + op + " (status " + status + ")");
    }
  }

  /**
   * The local address of the connection, to find the network interface it uses.
   *
   * @return the address
   * @throws IOException if the connection is closed
   */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.channel().getLocalAddress();
  }

  @Override
  public void close() {
    channel.close();
    if (ownsWatchdog) {
      watchdog.close();
    }
  }
}

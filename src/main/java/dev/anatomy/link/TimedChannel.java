package dev.anatomy.link;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A blocking TCP channel whose every read and write must finish within a timeout, enforced by a
 * {@link Watchdog} that closes the channel when one does not. A closed-for-lateness channel reports
 * a {@link PeerException} naming the stall.
 */
final class TimedChannel implements AutoCloseable {
  private final SocketChannel channel;
  private final Watchdog watchdog;
  private final String peer;
  private volatile long timeoutNs;
  private volatile long deadline;
  private volatile boolean expired;

  TimedChannel(SocketChannel channel, Watchdog watchdog, long timeoutNs, String peer) {
    this.channel = channel;
    this.watchdog = watchdog;
    this.timeoutNs = timeoutNs;
    this.peer = peer;
    watchdog.register(this);
  }

  SocketChannel channel() {
    return channel;
  }

  String peer() {
    return peer;
  }

  void timeoutNs(long ns) {
    this.timeoutNs = ns;
  }

  /**
   * Reads until the buffer is full.
   *
   * @param b the buffer
   * @throws EOFException if the peer closed first
   * @throws PeerException if the peer stalled past the timeout
   * @throws IOException on another error
   */
  void readFully(ByteBuffer b) throws IOException {
    arm();
    try {
      while (b.hasRemaining()) {
        if (channel.read(b) < 0) {
          throw new EOFException(peer + " closed the connection");
        }
      }
    } catch (IOException e) {
      throw translate(e);
    } finally {
      deadline = 0;
    }
  }

  /**
   * Reads what is there, blocking until something is.
   *
   * @param b the buffer
   * @return bytes read, -1 at end of stream
   * @throws IOException on error or stall
   */
  int readSome(ByteBuffer b) throws IOException {
    arm();
    try {
      return channel.read(b);
    } catch (IOException e) {
      throw translate(e);
    } finally {
      deadline = 0;
    }
  }

  /**
   * Writes the whole buffer.
   *
   * @param b the buffer
   * @throws IOException on error or stall
   */
  void writeFully(ByteBuffer b) throws IOException {
    arm();
    try {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    } catch (IOException e) {
      throw translate(e);
    } finally {
      deadline = 0;
    }
  }

  private void arm() {
    deadline = System.nanoTime() + timeoutNs;
  }

  private IOException translate(IOException e) {
    if (expired) {
      return new PeerException(
          peer + " stalled: nothing moved for " + timeoutNs / 1_000_000 + " ms", e);
    }
    return e;
  }

  void expireIfLate(long now) {
    long d = deadline;
    if (d != 0 && now - d > 0) {
      expired = true;
      close();
    }
  }

  @Override
  public void close() {
    watchdog.unregister(this);
    try {
      channel.close();
    } catch (IOException e) {
      // closing a socket loses nothing worth reporting
    }
  }
}

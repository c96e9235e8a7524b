package dev.anatomy.link;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer that {@code anatomy serve} runs and that the links part starts on loopback: it echoes
 * messages for round-trip latency and swallows streams for throughput (see {@link PeerProtocol}).
 *
 * <p>It is built to face whatever connects: it listens on loopback unless told otherwise, checks
 * every request's sizes before allocating, puts a timeout on every read and write, serves a bounded
 * number of clients at once (telling the others it is busy), and drops a client that sends garbage
 * or stalls without disturbing the others.
 *
 * <pre>{@code
 * try (PeerServer server = PeerServer.start(PeerServer.Config.loopback())) {
 *   InetSocketAddress at = server.address();
 *   ...
 * }
 * }</pre>
 */
public final class PeerServer implements AutoCloseable {
  private static final int SINK_BUFFER_BYTES = 256 * 1024;

  /** A client gets this long to say hello, so that silent connections free their slot soon. */
  static final long HELLO_TIMEOUT_NS = 2_000_000_000L;

  /**
   * How the server runs.
   *
   * @param bind the address to listen on
   * @param port the port, 0 for any free one
   * @param maxClients clients served at once
   * @param timeout longest wait for any read or write
   */
  public record Config(InetAddress bind, int port, int maxClients, Duration timeout) {
    /**
     * Validates the configuration.
     *
     * @param bind address
     * @param port port
     * @param maxClients clients
     * @param timeout timeout
     */
    public Config {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      if (maxClients < 1 || maxClients > 1024) {
        throw new IllegalArgumentException(
            "max clients must be between 1 and 1024, was " + maxClients);
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
    }

    /**
     * Loopback, any free port, 64 clients, 10 s timeout: what the links part uses.
     *
     * @return the configuration
     */
    public static Config loopback() {
      return new Config(InetAddress.getLoopbackAddress(), 0, 64, Duration.ofSeconds(10));
    }
  }

  private final Config config;
  private final ServerSocketChannel listener;
  private final Watchdog watchdog = new Watchdog("anatomy-peer-watchdog");
  private final Semaphore permits;
  private final Set<TimedChannel> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  private PeerServer(Config config, ServerSocketChannel listener) {
    this.config = config;
    this.listener = listener;
    this.permits = new Semaphore(config.maxClients());
  }

  /**
   * Binds and starts accepting.
   *
   * @param config where and how
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static PeerServer start(Config config) throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    try {
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(new InetSocketAddress(config.bind(), config.port()), 64);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    PeerServer s = new PeerServer(config, listener);
    Thread.ofPlatform().daemon(true).name("anatomy-peer-accept").start(s::acceptLoop);
    return s;
  }

  /**
   * The address it listens on.
   *
   * @return address and bound port
   */
  public InetSocketAddress address() {
    try {
      return (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("the server is closed", e);
    }
  }

  /**
   * Clients served to the end of their session.
   *
   * @return a count
   */
  public long served() {
    return served.get();
  }

  /**
   * Clients turned away because too many were connected.
   *
   * @return a count
   */
  public long refused() {
    return refused.get();
  }

  /**
   * Clients dropped for garbage, a broken protocol or a stall.
   *
   * @return a count
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Blocks until {@link #close()} is called.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  private void acceptLoop() {
    while (listener.isOpen()) {
      SocketChannel ch;
      try {
        ch = listener.accept();
      } catch (IOException e) {
        if (!listener.isOpen()) {
          return;
        }
        continue;
      }
      String who = describe(ch);
      TimedChannel c = new TimedChannel(ch, watchdog, config.timeout().toNanos(), who);
      if (!permits.tryAcquire()) {
        refused.incrementAndGet();
        refuse(c);
        continue;
      }
      open.add(c);
      try {
        Thread.ofPlatform().daemon(true).name("anatomy-peer-client").start(() -> serve(c));
      } catch (RuntimeException | OutOfMemoryError e) {
        open.remove(c);
        permits.release();
        c.close();
      }
    }
  }

  private static void refuse(TimedChannel c) {
    try {
      c.writeFully(PeerProtocol.hello(PeerProtocol.STATUS_BUSY));
    } catch (IOException e) {
      // the client hears nothing either way; it is refused
    } finally {
      c.close();
    }
  }

  private void serve(TimedChannel c) {
    try {
      c.channel().setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (handshake(c)) {
        session(c);
        served.incrementAndGet();
      } else {
        dropped.incrementAndGet();
      }
    } catch (EOFException e) {
      served.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      dropped.incrementAndGet();
    } finally {
      c.close();
      open.remove(c);
      permits.release();
    }
  }

  private boolean handshake(TimedChannel c) throws IOException {
    ByteBuffer hello = ByteBuffer.allocate(PeerProtocol.HELLO_BYTES);
    long timeout = config.timeout().toNanos();
    c.timeoutNs(Math.min(timeout, HELLO_TIMEOUT_NS));
    c.readFully(hello);
    c.timeoutNs(timeout);
    if (hello.getLong(0) != PeerProtocol.MAGIC) {
      return false;
    }
    int version = hello.getShort(8) & 0xffff;
    if (version != PeerProtocol.VERSION) {
      c.writeFully(PeerProtocol.hello(PeerProtocol.STATUS_VERSION));
      return false;
    }
    c.writeFully(PeerProtocol.hello(PeerProtocol.STATUS_OK));
    return true;
  }

  private static void session(TimedChannel c) throws IOException {
    ByteBuffer request = ByteBuffer.allocateDirect(PeerProtocol.REQUEST_BYTES);
    ByteBuffer reply = ByteBuffer.allocateDirect(PeerProtocol.REPLY_BYTES);
    ByteBuffer message = null;
    while (true) {
      request.clear();
      c.readFully(request);
      int op = request.getInt(0);
      int size = request.getInt(4);
      long count = request.getLong(8);
      String problem = PeerProtocol.checkRequest(op, size, count);
      reply.clear();
      reply.putInt(0, problem == null ? PeerProtocol.STATUS_OK : PeerProtocol.STATUS_BAD_REQUEST);
      c.writeFully(reply);
      if (problem != null) {
        throw new IOException(problem);
      }
      switch (op) {
        case PeerProtocol.OP_ECHO -> {
          if (message == null || message.capacity() < size) {
            message = ByteBuffer.allocateDirect(size);
          }
          echo(c, message, size, count);
        }
        case PeerProtocol.OP_SINK -> {
          sink(c);
          return;
        }
        default -> {
          return;
        }
      }
    }
  }

  private static void echo(TimedChannel c, ByteBuffer message, int size, long count)
      throws IOException {
    for (long i = 0; i < count; i++) {
      message.clear().limit(size);
      c.readFully(message);
      message.flip();
      c.writeFully(message);
    }
  }

  private static void sink(TimedChannel c) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(SINK_BUFFER_BYTES);
    long total = 0;
    while (true) {
      buf.clear();
      int n = c.readSome(buf);
      if (n < 0) {
        break;
      }
      total += n;
    }
    ByteBuffer count = ByteBuffer.allocateDirect(8);
    count.putLong(0, total);
    c.writeFully(count);
  }

  private static String describe(SocketChannel ch) {
    try {
      return String.valueOf(ch.getRemoteAddress());
    } catch (IOException e) {
      return "a client";
    }
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // the listener is gone either way
    }
    open.forEach(TimedChannel::close);
    watchdog.close();
    closed.countDown();
  }
}

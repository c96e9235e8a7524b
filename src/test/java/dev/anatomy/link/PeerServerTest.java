package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.result.LatencyFigures;
import dev.anatomy.run.Effort;
import dev.anatomy.run.MeasureOptions;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PeerServerTest {
  static final Duration SHORT = Duration.ofMillis(400);

  static PeerServer server(int maxClients) throws IOException {
    return PeerServer.start(
        new PeerServer.Config(InetAddress.getLoopbackAddress(), 0, maxClients, SHORT));
  }

  static Socket raw(PeerServer s) throws IOException {
    Socket socket = new Socket();
    socket.connect(s.address(), 2000);
    socket.setSoTimeout(5000);
    return socket;
  }

  /** Waits, within seconds, for a counter the server bumps after a client is gone. */
  static long eventually(LongSupplier counter, long atLeast) throws InterruptedException {
    for (int i = 0; i < 200 && counter.getAsLong() < atLeast; i++) {
      Thread.sleep(20);
    }
    return counter.getAsLong();
  }

  @Test
  void echoesEveryMessageAndCountsEveryStreamedByte() throws IOException, InterruptedException {
    try (PeerServer s = server(4)) {
      try (PeerClient c = PeerClient.connect(s.address(), Duration.ofSeconds(5))) {
        Histogram h = LatencyFigures.newHistogram();
        c.pingPong(16, 100, 0, h);
        c.pingPong(64, 50, 100, h);
        assertThat(h.getTotalCount()).isEqualTo(150);
        assertThat(h.getMinValue()).isPositive();
        c.bye();
      }
      try (PeerClient c = PeerClient.connect(s.address(), Duration.ofSeconds(5))) {
        PeerClient.Stream st = c.stream(64 * 1024, 20_000_000L);
        assertThat(st.bytes()).isPositive();
        assertThat(st.endNs()).isGreaterThan(st.startNs());
      }
      assertThat(eventually(s::served, 2)).isEqualTo(2);
      assertThat(s.dropped()).isZero();
    }
  }

  @Test
  void dropsAClientThatSendsGarbageAndServesTheNext() throws IOException, InterruptedException {
    try (PeerServer s = server(4);
        Socket garbage = raw(s)) {
      OutputStream out = garbage.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(closedByServer(garbage)).as("the server closes on garbage").isTrue();
      assertThat(eventually(s::dropped, 1)).isEqualTo(1);
      try (PeerClient c = PeerClient.connect(s.address(), Duration.ofSeconds(5))) {
        Histogram h = LatencyFigures.newHistogram();
        c.pingPong(16, 10, 0, h);
        assertThat(h.getTotalCount()).isEqualTo(10);
      }
    }
  }

  @Test
  void dropsAClientThatStallsBeforeOrAfterItsHello() throws IOException, InterruptedException {
    try (PeerServer s = server(4)) {
      try (Socket silent = raw(s)) {
        assertThat(closedByServer(silent)).isTrue();
      }
      try (Socket stalled = raw(s)) {
        OutputStream out = stalled.getOutputStream();
        InputStream in = stalled.getInputStream();
        write(out, PeerProtocol.hello(PeerProtocol.STATUS_OK));
        assertThat(in.readNBytes(PeerProtocol.HELLO_BYTES)).hasSize(PeerProtocol.HELLO_BYTES);
        write(out, PeerProtocol.request(PeerProtocol.OP_ECHO, 16, 5));
        assertThat(in.readNBytes(PeerProtocol.REPLY_BYTES)).hasSize(PeerProtocol.REPLY_BYTES);
        out.write(new byte[7]); // part of a message, then nothing
        out.flush();
        assertThat(closedByServer(stalled)).as("dropped after the read timeout").isTrue();
      }
      assertThat(eventually(s::dropped, 2)).isEqualTo(2);
    }
  }

  @Test
  void turnsAwayClientsBeyondItsBound() throws IOException, InterruptedException {
    try (PeerServer s =
        PeerServer.start(
            new PeerServer.Config(InetAddress.getLoopbackAddress(), 0, 1, Duration.ofSeconds(5)))) {
      PeerClient first = PeerClient.connect(s.address(), Duration.ofSeconds(5));
      try {
        assertThatThrownBy(() -> PeerClient.connect(s.address(), Duration.ofSeconds(5)))
            .isInstanceOf(PeerException.class)
            .hasMessageContaining("too many clients");
        assertThat(s.refused()).isEqualTo(1);
      } finally {
        first.close();
      }
      assertThat(eventually(s::served, 1)).isEqualTo(1);
      try (PeerClient again = PeerClient.connect(s.address(), Duration.ofSeconds(5))) {
        again.bye();
      }
    }
  }

  @Test
  void refusesAnOversizedMessageBeforeAllocatingIt() throws IOException {
    try (PeerServer s = server(2);
        PeerClient c = PeerClient.connect(s.address(), Duration.ofSeconds(5))) {
      assertThatThrownBy(
              () ->
                  c.pingPong(
                      PeerProtocol.MAX_MESSAGE_BYTES + 1, 1, 0, LatencyFigures.newHistogram()))
          .isInstanceOf(PeerException.class)
          .hasMessageContaining("refused request");
    }
  }

  @Test
  void answersAnotherProtocolVersionWithItsOwn() throws IOException {
    try (PeerServer s = server(2);
        Socket socket = raw(s)) {
      ByteBuffer hello = ByteBuffer.allocate(PeerProtocol.HELLO_BYTES);
      hello.putLong(PeerProtocol.MAGIC).putShort((short) 99).putShort((short) 0);
      socket.getOutputStream().write(hello.array());
      byte[] reply = socket.getInputStream().readNBytes(PeerProtocol.HELLO_BYTES);
      assertThatThrownBy(() -> PeerProtocol.checkHelloReply(ByteBuffer.wrap(reply), "x"))
          .isInstanceOf(PeerException.class)
          .hasMessageContaining("speaks anatomy peer protocol 1, this build 1");
    }
  }

  @Test
  void recognisesAPeerThatIsNotAnAnatomyPeer() throws IOException {
    try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform()
          .daemon(true)
          .start(
              () -> {
                try (Socket c = other.accept()) {
                  c.getOutputStream()
                      .write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                  c.getInputStream().readAllBytes();
                } catch (IOException e) {
                  // the client hung up
                }
              });
      InetSocketAddress at =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), other.getLocalPort());
      assertThatThrownBy(() -> PeerClient.connect(at, Duration.ofSeconds(5)))
          .isInstanceOf(PeerException.class)
          .hasMessageContaining("did not answer as an anatomy peer");
    }
  }

  @Test
  void givesUpOnAPeerThatAcceptsAndSaysNothing() throws IOException {
    try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      InetSocketAddress at =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), mute.getLocalPort());
      assertThatThrownBy(() -> PeerClient.connect(at, SHORT))
          .isInstanceOf(PeerException.class)
          .hasMessageContaining("stalled");
    }
  }

  @Test
  void saysWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    assertThatThrownBy(() -> PeerClient.connect(at, SHORT))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("did not answer");
  }

  @Test
  void validatesAPeerBeforeMeasuring() throws IOException {
    LinksPart part = new LinksPart();
    try (PeerServer s = server(2)) {
      String at = PeerAddress.format(s.address());
      assertThatCode(() -> part.validate(withPeer(at))).doesNotThrowAnyException();
    }
    assertThatThrownBy(() -> part.validate(withPeer("127.0.0.1:1")))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--peer 127.0.0.1:1");
    assertThatThrownBy(() -> part.validate(withPeer("127.0.0.1")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("HOST:PORT");
    assertThatCode(() -> part.validate(MeasureOptions.of(List.of("links"), Effort.QUICK)))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsAnInconsistentConfiguration() {
    InetAddress lo = InetAddress.getLoopbackAddress();
    assertThatThrownBy(() -> new PeerServer.Config(lo, 70000, 1, SHORT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PeerServer.Config(lo, 0, 0, SHORT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PeerServer.Config(lo, 0, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static MeasureOptions withPeer(String peer) {
    return new MeasureOptions(
        List.of("links"),
        Effort.QUICK,
        0,
        Optional.empty(),
        1L << 30,
        Optional.empty(),
        Optional.of(peer));
  }

  /** End of stream, or a reset when the server closed with our bytes unread. */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (java.net.SocketException e) {
      return e.getMessage().contains("reset");
    }
  }

  static void write(OutputStream out, ByteBuffer b) throws IOException {
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    out.write(bytes);
    out.flush();
  }
}

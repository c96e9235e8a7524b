package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.run.UsageException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class PeerAddressTest {
  @Test
  void parsesHostAndPort() {
    InetSocketAddress a = PeerAddress.parse("--peer", "10.0.0.2:7787");
    assertThat(a.getHostString()).isEqualTo("10.0.0.2");
    assertThat(a.getPort()).isEqualTo(7787);
    assertThat(PeerAddress.parse("--peer", "[fe80::1]:9").getHostString()).isEqualTo("fe80::1");
    assertThat(PeerAddress.parse("--peer", "box.local:1").getPort()).isEqualTo(1);
  }

  @Test
  void rejectsMalformedAddressesInOneLine() {
    for (String bad :
        new String[] {
          "nohost", ":7787", "a:b:c", "[::1]7787", "host:", "host:0", "host:65536", " :1"
        }) {
      assertThatThrownBy(() -> PeerAddress.parse("--peer", bad))
          .as(bad)
          .isInstanceOf(UsageException.class)
          .hasMessageStartingWith("--peer")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void checksPortRanges() {
    assertThat(PeerAddress.port("--port", "0", 0)).isZero();
    assertThat(PeerAddress.port("--port", "65535", 0)).isEqualTo(65535);
    assertThatThrownBy(() -> PeerAddress.port("--port", "70000", 0))
        .isInstanceOf(UsageException.class)
        .hasMessage("--port must be a number between 0 and 65535, was '70000'");
    assertThatThrownBy(() -> PeerAddress.port("--port", "-1", 0))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> PeerAddress.port("--port", "x", 0)).isInstanceOf(UsageException.class);
  }

  @Test
  void resolvesKnownHostsAndRejectsUnknownOnes() {
    assertThat(
            PeerAddress.resolve("--peer", PeerAddress.parse("--peer", "127.0.0.1:5"))
                .isUnresolved())
        .isFalse();
    assertThatThrownBy(
            () ->
                PeerAddress.resolve(
                    "--peer", PeerAddress.parse("--peer", "no-such-host.invalid:5")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown");
  }

  @Test
  void formatsIpv6InBrackets() {
    assertThat(PeerAddress.format(InetSocketAddress.createUnresolved("::1", 7)))
        .isEqualTo("[::1]:7");
    assertThat(PeerAddress.format(InetSocketAddress.createUnresolved("h", 7))).isEqualTo("h:7");
  }
}

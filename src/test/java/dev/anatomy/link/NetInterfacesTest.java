package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NetInterfacesTest {
  @Test
  void readsTheLineRateInMegabits() {
    assertThat(NetInterfaces.parseSpeed("10000\n")).isEqualTo(OptionalLong.of(10_000_000_000L));
    assertThat(NetInterfaces.parseSpeed("-1")).isEmpty();
    assertThat(NetInterfaces.parseSpeed("0")).isEmpty();
    assertThat(NetInterfaces.parseSpeed("")).isEmpty();
    assertThat(NetInterfaces.parseSpeed("fast")).isEmpty();
  }

  @Test
  void findsTheLoopbackInterfaceWithoutALineRate() {
    var nic = NetInterfaces.of(InetAddress.getLoopbackAddress());
    assertThat(nic).isPresent();
    assertThat(nic.get().name()).isEqualTo("lo");
    assertThat(nic.get().speedBitsPerSecond()).isEmpty();
  }
}

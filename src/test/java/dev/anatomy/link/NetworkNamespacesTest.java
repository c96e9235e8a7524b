package dev.anatomy.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.anatomy.harness.JvmFork;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the peer and the client in two network namespaces joined by a veth pair, so the traffic
 * takes the kernel's real path through two network stacks and a virtual link, not loopback. Needs
 * root (CAP_SYS_ADMIN and CAP_NET_ADMIN) and iproute2; without them it is skipped, saying why.
 */
@Timeout(120)
class NetworkNamespacesTest {
  static final String ID = Long.toString(ProcessHandle.current().pid() % 100_000);
  static final String NS_SERVER = "anatomy-t" + ID + "-s";
  static final String NS_CLIENT = "anatomy-t" + ID + "-c";
  static final String VETH_SERVER = "anv" + ID + "s";
  static final String VETH_CLIENT = "anv" + ID + "c";
  static final int SUBNET = (int) (ProcessHandle.current().pid() % 250);
  static final String SERVER_IP = "10.231." + SUBNET + ".1";
  static final String CLIENT_IP = "10.231." + SUBNET + ".2";

  static boolean created;

  @BeforeAll
  static void createNamespaces() throws IOException, InterruptedException {
    Result add = ip("netns", "add", NS_SERVER);
    if (add.rc() != 0) {
      abort(
          "needs root and iproute2 to create network namespaces: 'ip netns add' said: "
              + add.out());
    }
    created = true;
    must(ip("netns", "add", NS_CLIENT));
    must(
        ip(
            "link",
            "add",
            VETH_SERVER,
            "netns",
            NS_SERVER,
            "type",
            "veth",
            "peer",
            "name",
            VETH_CLIENT,
            "netns",
            NS_CLIENT));
    must(ip("-n", NS_SERVER, "addr", "add", SERVER_IP + "/24", "dev", VETH_SERVER));
    must(ip("-n", NS_CLIENT, "addr", "add", CLIENT_IP + "/24", "dev", VETH_CLIENT));
    for (String[] nsDev :
        new String[][] {
          {NS_SERVER, VETH_SERVER}, {NS_CLIENT, VETH_CLIENT}, {NS_SERVER, "lo"}, {NS_CLIENT, "lo"}
        }) {
      must(ip("-n", nsDev[0], "link", "set", nsDev[1], "up"));
    }
  }

  @AfterAll
  static void removeNamespaces() throws IOException, InterruptedException {
    if (created) {
      ip("netns", "del", NS_SERVER);
      ip("netns", "del", NS_CLIENT);
    }
  }

  @Test
  void measuresAcrossTwoNetworkStacksJoinedByAVirtualLink()
      throws IOException, InterruptedException {
    List<String> server = new ArrayList<>(List.of("ip", "netns", "exec", NS_SERVER));
    server.addAll(
        JvmFork.command(List.of(), NetnsPeerMain.class.getName(), List.of("serve", SERVER_IP)));
    Process s = new ProcessBuilder(server).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String listening;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
        listening = out.readLine();
        assertThat(listening).startsWith("listening " + SERVER_IP + ":");
        String address = listening.substring("listening ".length());

        List<String> client = new ArrayList<>(List.of("ip", "netns", "exec", NS_CLIENT));
        client.addAll(
            JvmFork.command(List.of(), NetnsPeerMain.class.getName(), List.of("measure", address)));
        Result r = run(client, 90);
        assertThat(r.rc()).as(r.out()).isZero();
        Map<String, String> f = fields(r.out());
        assertThat(f.get("interface")).isEqualTo(VETH_CLIENT);
        assertThat(f.get("loopbackReachesPeer"))
            .as("the client's loopback is not the server's")
            .isEqualTo("false");
        assertThat(Long.parseLong(f.get("roundTrips"))).isPositive();
        assertThat(Double.parseDouble(f.get("p50Ns"))).isPositive();
        assertThat(Double.parseDouble(f.get("bytesPerSecond"))).isPositive();
        assertThat(Double.parseDouble(f.get("parallelBytesPerSecond"))).isPositive();
      }
    } finally {
      s.getOutputStream().close();
      if (!s.waitFor(10, TimeUnit.SECONDS)) {
        s.destroyForcibly();
      }
    }
  }

  private static Map<String, String> fields(String out) {
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    Map<String, String> m = new HashMap<>();
    for (String kv : last.split(" ")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  record Result(int rc, String out) {}

  static Result ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("ip");
    cmd.addAll(List.of(args));
    try {
      return run(cmd, 20);
    } catch (IOException e) {
      return new Result(127, "cannot run ip: " + e.getMessage());
    }
  }

  static Result run(List<String> cmd, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(124, "timed out: " + String.join(" ", cmd));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
  }

  static void must(Result r) {
    assertThat(r.rc()).as(r.out()).isZero();
  }
}

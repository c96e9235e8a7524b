package dev.anatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.link.PeerClient;
import dev.anatomy.link.PeerServer;
import dev.anatomy.run.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(30)
class ServeCommandTest {
  static ServeCommand parsed(
      PrintStream out, CompletableFuture<PeerServer> started, String... args) {
    ServeCommand c = new ServeCommand(out, started::complete);
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void servesOnLoopbackUntilClosedAndSaysWhere() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CompletableFuture<PeerServer> started = new CompletableFuture<>();
    ServeCommand c = parsed(out, started, "--port", "0", "--max-clients", "2");
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return c.call();
              } catch (InterruptedException e) {
                return -1;
              }
            });
    PeerServer server = started.get(10, TimeUnit.SECONDS);
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    try (PeerClient client = PeerClient.connect(server.address(), Duration.ofSeconds(5))) {
      client.bye();
    }
    server.close();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .startsWith("anatomy serve: listening on 127.0.0.1:")
        .contains("peer protocol 1");
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatThrownBy(
            () -> parsed(System.out, new CompletableFuture<>(), "--port", "70000").call())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--port")
        .hasMessageContaining("0 and 65535");
    assertThatThrownBy(() -> parsed(System.out, new CompletableFuture<>(), "--port", "http").call())
        .isInstanceOf(UsageException.class);
  }

  @Test
  void rejectsBadBoundsAndAnUnknownAddress() {
    assertThatThrownBy(
            () -> parsed(System.out, new CompletableFuture<>(), "--max-clients", "0").call())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--max-clients");
    assertThatThrownBy(() -> parsed(System.out, new CompletableFuture<>(), "--timeout", "0").call())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--timeout");
    assertThatThrownBy(
            () ->
                parsed(System.out, new CompletableFuture<>(), "--bind", "no-such-host.invalid")
                    .call())
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--bind");
  }

  @Test
  void saysWhenThePortIsTaken() throws Exception {
    try (PeerServer taken = PeerServer.start(PeerServer.Config.loopback())) {
      String port = Integer.toString(taken.address().getPort());
      assertThatThrownBy(() -> parsed(System.out, new CompletableFuture<>(), "--port", port).call())
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + port);
    }
  }

  @Test
  void offersHelp() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CommandLine cl = new CommandLine(new ServeCommand());
    cl.setOut(new java.io.PrintWriter(bytes, true, StandardCharsets.UTF_8));
    assertThat(cl.execute("--help")).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--bind").contains("--port");
  }
}

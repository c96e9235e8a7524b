package dev.anatomy.cli;

import dev.anatomy.link.PeerAddress;
import dev.anatomy.link.PeerProtocol;
import dev.anatomy.link.PeerServer;
import dev.anatomy.run.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code anatomy serve}: runs the peer that {@code anatomy measure --only links --peer HOST:PORT}
 * measures the network against, until stopped (Ctrl-C).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a network peer for 'anatomy measure --only links --peer HOST:PORT' on another host.",
      "Listens on loopback unless --bind names another address; stop it with Ctrl-C."
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every one).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "" + PeerProtocol.DEFAULT_PORT,
      description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
  String port;

  @Option(
      names = "--max-clients",
      paramLabel = "N",
      defaultValue = "16",
      description = "Clients served at once; more are told the peer is busy (default: 16).")
  int maxClients;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Longest wait for a client's read or write before dropping it (default: 10).")
  int timeoutSeconds;

  private final PrintStream out;
  private final Consumer<PeerServer> started;

  /** The command, printing to standard output. */
  public ServeCommand() {
    this(System.out, s -> {});
  }

  /**
   * The command with its output and a hook for tests.
   *
   * @param out where the listening line goes
   * @param started called with the server once it listens
   */
  ServeCommand(PrintStream out, Consumer<PeerServer> started) {
    this.out = out;
    this.started = started;
  }

  @Override
  public Integer call() throws InterruptedException {
    int p = PeerAddress.port("--port", port, 0);
    if (maxClients < 1 || maxClients > 1024) {
      throw new UsageException("--max-clients must be between 1 and 1024, was " + maxClients);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
      throw new UsageException(
          "--timeout must be between 1 and 3600 seconds, was " + timeoutSeconds);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UsageException("--bind '" + bind + "' is not an address of this host", e);
    }
    PeerServer server;
    try {
      server =
          PeerServer.start(
              new PeerServer.Config(address, p, maxClients, Duration.ofSeconds(timeoutSeconds)));
    } catch (IOException e) {
      throw new UsageException(
          "cannot listen on "
              + bind
              + ":"
              + p
              + ": "
              + e.getMessage()
              + "; choose another --port or --bind",
          e);
    }
    Thread hook = Thread.ofPlatform().unstarted(server::close);
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(
        "anatomy serve: listening on "
            + PeerAddress.format(server.address())
            + " (peer protocol "
            + PeerProtocol.VERSION
            + "); stop with Ctrl-C");
    out.flush();
    started.accept(server);
    try {
      server.awaitClose();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook closes the server, which is already closed
      }
    }
    return ExitCodes.OK;
  }
}

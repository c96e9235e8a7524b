package dev.anatomy.run;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who, when and what of one run of {@code measure}: the document's {@code run} section.
 *
 * @param id a fresh random id
 * @param startedAt when measuring began
 * @param host this machine's host name
 * @param command the command line as typed, without the program name
 * @param parts parts asked for
 * @param effort the effort
 */
public record RunInfo(
    String id, Instant startedAt, String host, String command, List<String> parts, Effort effort) {
  /**
   * Copies the list.
   *
   * @param id id
   * @param startedAt start
   * @param host host
   * @param command command
   * @param parts parts
   * @param effort effort
   */
  public RunInfo {
    parts = List.copyOf(parts);
  }

  /**
   * A run starting now.
   *
   * @param command the command line
   * @param options what is measured
   * @return the run's identity
   */
  public static RunInfo start(String command, MeasureOptions options) {
    return new RunInfo(
        UUID.randomUUID().toString(),
        Instant.now(),
        hostName(),
        command,
        options.parts(),
        options.effort());
  }

  /**
   * This machine's name: $HOSTNAME, else what the resolver says, else "unknown".
   *
   * @return the host name
   */
  public static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}

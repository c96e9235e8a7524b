package dev.anatomy.link;

import dev.anatomy.run.UsageException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Parses and formats {@code HOST:PORT}, including {@code [IPv6]:PORT}. */
public final class PeerAddress {
  private PeerAddress() {}

  /**
   * Parses a peer address. The host is not resolved.
   *
   * @param option the option's name, for the message (e.g. "--peer")
   * @param text HOST:PORT
   * @return an unresolved address
   * @throws UsageException on a malformed address or a port outside 1..65535
   */
  public static InetSocketAddress parse(String option, String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    String host;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0 || close + 1 != colon) {
        throw bad(option, text);
      }
      host = t.substring(1, close);
    } else {
      if (colon <= 0 || t.indexOf(':') != colon) {
        throw bad(option, text);
      }
      host = t.substring(0, colon);
    }
    if (host.isBlank()) {
      throw bad(option, text);
    }
    int port = port(option, t.substring(colon + 1), 1);
    return InetSocketAddress.createUnresolved(host, port);
  }

  /**
   * Parses a port number.
   *
   * @param option the option's name, for the message
   * @param text the number
   * @param lowest 0 where "any free port" is allowed, else 1
   * @return the port
   * @throws UsageException outside lowest..65535
   */
  public static int port(String option, String text, int lowest) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= lowest && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    // "--peer port must be ...", but "--port must be ...", not "--port port"
    String what = option.equals("--port") ? option : option + " port";
    throw new UsageException(
        what + " must be a number between " + lowest + " and 65535, was '" + text + "'");
  }

  /**
   * Resolves a parsed address.
   *
   * @param option the option's name, for the message
   * @param address an unresolved address
   * @return a resolved address
   * @throws UsageException if the host is unknown
   */
  public static InetSocketAddress resolve(String option, InetSocketAddress address) {
    try {
      return new InetSocketAddress(
          InetAddress.getByName(address.getHostString()), address.getPort());
    } catch (java.net.UnknownHostException e) {
      throw new UsageException(
          option + " host '" + address.getHostString() + "' is unknown: give a name or address");
    }
  }

  /**
   * Formats an address as HOST:PORT.
   *
   * @param a the address
   * @return e.g. "127.0.0.1:7787" or "[::1]:7787"
   */
  public static String format(InetSocketAddress a) {
    String host = a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  private static UsageException bad(String option, String text) {
    return new UsageException(
        option
            + " must be HOST:PORT (e.g. 192.168.1.2:7787 or [fe80::1]:7787), was '"
            + text
            + "'");
  }
}

package dev.anatomy.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The network interface a connection leaves by, and its line rate as the kernel reports it in
 * {@code /sys/class/net/NAME/speed} (megabits per second; -1 or unreadable where the driver does
 * not know, as virtio NICs often do not).
 */
public final class NetInterfaces {
  private NetInterfaces() {}

  /**
   * An interface and what it reports.
   *
   * @param name e.g. "eth0"
   * @param speedBitsPerSecond line rate, empty if not reported
   * @param mtu the MTU, 0 if unknown
   */
  public record Nic(String name, OptionalLong speedBitsPerSecond, int mtu) {}

  /**
   * The interface that owns a local address.
   *
   * @param local the local end of a connection
   * @return the interface, empty if none owns the address
   */
  public static Optional<Nic> of(InetAddress local) {
    try {
      NetworkInterface ni = NetworkInterface.getByInetAddress(local);
      if (ni == null) {
        return Optional.empty();
      }
      String name = ni.getName();
      return Optional.of(new Nic(name, parseSpeed(read(name, "speed")), ni.getMTU()));
    } catch (SocketException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses {@code /sys/class/net/NAME/speed}.
   *
   * @param text the file's text, or empty
   * @return bits per second, empty for -1, 0, blank or garbage
   */
  static OptionalLong parseSpeed(String text) {
    try {
      long mbps = Long.parseLong(text.trim());
      return mbps > 0 ? OptionalLong.of(mbps * 1_000_000L) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String read(String name, String file) {
    try {
      return Files.readString(Path.of("/sys/class/net", name, file));
    } catch (IOException | RuntimeException e) {
      // reading speed fails with EINVAL on a link that is down or virtual
      return "";
    }
  }
}

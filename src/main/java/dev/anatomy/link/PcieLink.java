package dev.anatomy.link;

import dev.anatomy.inventory.SystemFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI Express link as the kernel reports it in {@code /sys/bus/pci/devices/BDF/}: transfer rate
 * and lanes, now and at most, and the theoretical bandwidth they give: lanes x rate x encoding / 8,
 * where the encoding is 8b/10b up to 5 GT/s (generations 1 and 2), 128b/130b from 8 GT/s
 * (generation 3) to 32 GT/s, and for 64 GT/s (generation 6, FLIT mode) 242 of every 256 bytes.
 *
 * @param address the device's PCI address, e.g. "0000:65:00.0"
 * @param gigaTransfersPerSecond the current rate per lane, GT/s
 * @param lanes the current width
 * @param maxGigaTransfersPerSecond the fastest rate the link can train to
 * @param maxLanes the widest it can train to
 * @param numaNode the NUMA node the device hangs off, -1 if none reported
 */
public record PcieLink(
    String address,
    double gigaTransfersPerSecond,
    int lanes,
    double maxGigaTransfersPerSecond,
    int maxLanes,
    int numaNode) {
  static final Path DEVICES = Path.of("/sys/bus/pci/devices");
  private static final Pattern SPEED = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*GT/s");
  private static final List<String> FILES =
      List.of(
          "current_link_speed",
          "current_link_width",
          "max_link_speed",
          "max_link_width",
          "numa_node",
          "class",
          "vendor",
          "device");

  /**
   * The theoretical bandwidth of the link as it runs now, one direction.
   *
   * @return bytes per second
   */
  public double theoreticalBytesPerSecond() {
    return theoreticalBytesPerSecond(gigaTransfersPerSecond, lanes);
  }

  /**
   * The PCIe generation of the current rate.
   *
   * @return 1 to 7, or 0 for a rate no generation uses
   */
  public int generation() {
    return generation(gigaTransfersPerSecond);
  }

  /**
   * lanes x rate x encoding / 8.
   *
   * @param gigaTransfersPerSecond per lane
   * @param lanes width
   * @return bytes per second, one direction
   */
  public static double theoreticalBytesPerSecond(double gigaTransfersPerSecond, int lanes) {
    return lanes * gigaTransfersPerSecond * 1e9 * encoding(gigaTransfersPerSecond) / 8;
  }

  /**
   * The share of transferred bits that carry data.
   *
   * @param gigaTransfersPerSecond per lane
   * @return 0.8 (8b/10b), 128/130, or 242/256 (FLIT)
   */
  public static double encoding(double gigaTransfersPerSecond) {
    if (gigaTransfersPerSecond <= 5.0) {
      return 8.0 / 10.0;
    }
    if (gigaTransfersPerSecond < 64.0) {
      return 128.0 / 130.0;
    }
    return 242.0 / 256.0;
  }

  /**
   * The generation that runs at a rate.
   *
   * @param gigaTransfersPerSecond per lane
   * @return 1 (2.5 GT/s) to 7 (128 GT/s), 0 if none
   */
  public static int generation(double gigaTransfersPerSecond) {
    double[] rates = {2.5, 5.0, 8.0, 16.0, 32.0, 64.0, 128.0};
    for (int i = 0; i < rates.length; i++) {
      if (Math.abs(rates[i] - gigaTransfersPerSecond) < 0.01) {
        return i + 1;
      }
    }
    return 0;
  }

  /**
   * Parses a link speed as sysfs prints it: "8.0 GT/s PCIe", "2.5 GT/s", or "Unknown".
   *
   * @param text the file's text
   * @return GT/s, empty if unknown
   */
  static OptionalDouble parseSpeed(String text) {
    Matcher m = SPEED.matcher(text);
    return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
  }

  /**
   * Reads a device's link.
   *
   * @param address e.g. "0000:65:00.0"
   * @return the link, empty if the device reports none (not PCIe, or a VM's virtual bus)
   */
  public static Optional<PcieLink> read(String address) {
    return parse(capture(address), address);
  }

  static SystemFiles capture(String address) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    Path dir = DEVICES.resolve(address);
    for (String f : FILES) {
      try {
        files.put(dir.resolve(f).toString(), Files.readAllLines(dir.resolve(f)));
      } catch (IOException | RuntimeException e) {
        // absent: the figure stays unknown
      }
    }
    return new SystemFiles(files);
  }

  /**
   * Parses a device's captured files.
   *
   * @param files the text, keyed by absolute path
   * @param address the device's address
   * @return the link, empty without a known current speed and width
   */
  static Optional<PcieLink> parse(SystemFiles files, String address) {
    String dir = DEVICES.resolve(address).toString();
    OptionalDouble speed =
        files
            .text(dir + "/current_link_speed")
            .map(PcieLink::parseSpeed)
            .orElse(OptionalDouble.empty());
    int width = intOf(files.text(dir + "/current_link_width"));
    if (speed.isEmpty() || width <= 0) {
      return Optional.empty();
    }
    double max =
        files
            .text(dir + "/max_link_speed")
            .map(PcieLink::parseSpeed)
            .orElse(OptionalDouble.empty())
            .orElse(0);
    return Optional.of(
        new PcieLink(
            address,
            speed.getAsDouble(),
            width,
            max,
            intOf(files.text(dir + "/max_link_width")),
            files.text(dir + "/numa_node").map(t -> intOf(Optional.of(t))).orElse(-1)));
  }

  /**
   * Display controllers (PCI class 0x03: VGA and 3D controllers, which data-centre GPUs are) on the
   * bus.
   *
   * @return their addresses, sorted
   */
  public static List<String> displayControllers() {
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(DEVICES)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(DEVICES)) {
      for (Path d : ds) {
        try {
          if (Files.readString(d.resolve("class")).trim().startsWith("0x03")) {
            out.add(d.getFileName().toString());
          }
        } catch (IOException e) {
          // a device without a class file is not a display controller we can describe
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static int intOf(Optional<String> text) {
    try {
      return text.map(t -> Integer.parseInt(t.trim())).orElse(0);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

package dev.anatomy.link;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory modules the firmware reports (SMBIOS type 17, "Memory Device"), and the memory bus's
 * theoretical bandwidth from them: channels x bus width x transfer rate. {@link #read()} reads the
 * raw tables the kernel exposes under {@code /sys/firmware/dmi/entries/17-*}/raw (root only);
 * {@link #parse(byte[])} decodes one entry and is pure.
 */
public final class MemoryDevices {
  static final Path ENTRIES = Path.of("/sys/firmware/dmi/entries");
  private static final Pattern CHANNEL =
      Pattern.compile("(?<![a-z])(?:channel|chan|ch)[ _-]*([a-z0-9]+)", Pattern.CASE_INSENSITIVE);

  private MemoryDevices() {}

  /**
   * One populated memory device.
   *
   * @param locator the slot's name, e.g. "DIMM_A1"
   * @param bankLocator the bank's name, e.g. "P0 CHANNEL A"
   * @param sizeBytes capacity
   * @param dataWidthBits data bus width, without ECC bits (64 for a DIMM)
   * @param configuredMtPerSecond the speed it runs at, in mega-transfers per second; 0 if unknown
   * @param maxMtPerSecond the speed it is rated for, 0 if unknown
   */
  public record Module(
      String locator,
      String bankLocator,
      long sizeBytes,
      int dataWidthBits,
      long configuredMtPerSecond,
      long maxMtPerSecond) {
    /**
     * The rate to count: the configured speed, else the rated one.
     *
     * @return MT/s, 0 if neither is known
     */
    public long mtPerSecond() {
      return configuredMtPerSecond > 0 ? configuredMtPerSecond : maxMtPerSecond;
    }
  }

  /**
   * The theoretical bandwidth of the memory bus.
   *
   * @param bytesPerSecond channels x width / 8 x rate
   * @param channels channels counted
   * @param widthBits data width of one channel
   * @param mtPerSecond transfers per second, in millions
   * @param channelsFrom how channels were counted, in words
   */
  public record Theory(
      double bytesPerSecond, int channels, int widthBits, long mtPerSecond, String channelsFrom) {}

  /**
   * The populated modules the firmware reports.
   *
   * @return the modules, or empty with the reason
   */
  public static Result read() {
    if (!Files.isDirectory(ENTRIES)) {
      return new Result(
          List.of(),
          "the machine reports no memory modules: no " + ENTRIES + " (a VM without SMBIOS tables)");
    }
    List<Module> modules = new ArrayList<>();
    int unreadable = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(ENTRIES, "17-*")) {
      for (Path e : ds) {
        try {
          parse(Files.readAllBytes(e.resolve("raw"))).ifPresent(modules::add);
        } catch (IOException | SecurityException ex) {
          unreadable++;
        }
      }
    } catch (IOException e) {
      return new Result(List.of(), "cannot list " + ENTRIES + ": " + e.getMessage());
    }
    if (modules.isEmpty()) {
      return new Result(
          List.of(),
          unreadable > 0
              ? "the SMBIOS memory tables are readable by root only"
              : "the firmware reports no populated memory module (SMBIOS type 17)");
    }
    return new Result(modules, "");
  }

  /**
   * Modules read, or why none were.
   *
   * @param modules populated modules
   * @param whyNone the reason when there are none
   */
  public record Result(List<Module> modules, String whyNone) {
    /**
     * Copies the list.
     *
     * @param modules modules
     * @param whyNone reason
     */
    public Result {
      modules = List.copyOf(modules);
    }
  }

  /**
   * Decodes one SMBIOS type 17 structure (SMBIOS 3.x layout; older, shorter structures lack the
   * later fields, which then read as unknown).
   *
   * @param raw the structure: formatted area then its strings
   * @return the module, empty if the slot is empty or the structure is not type 17
   */
  public static Optional<Module> parse(byte[] raw) {
    if (raw.length < 0x15 || (raw[0] & 0xff) != 17) {
      return Optional.empty();
    }
    int length = raw[1] & 0xff;
    int dataWidth = word(raw, length, 0x0A);
    int size = word(raw, length, 0x0C);
    if (size == 0 || size == 0xFFFF) {
      return Optional.empty();
    }
    long bytes;
    if (size == 0x7FFF) {
      bytes = (dword(raw, length, 0x1C) & 0x7FFFFFFFL) << 20;
    } else if ((size & 0x8000) != 0) {
      bytes = (long) (size & 0x7FFF) << 10;
    } else {
      bytes = (long) size << 20;
    }
    List<String> strings = strings(raw, length);
    long speed = speed(raw, length, 0x15, 0x54);
    long configured = speed(raw, length, 0x20, 0x58);
    return Optional.of(
        new Module(
            string(strings, raw[0x10] & 0xff),
            string(strings, raw[0x11] & 0xff),
            bytes,
            dataWidth == 0xFFFF ? 0 : dataWidth,
            configured,
            speed));
  }

  /**
   * Channels x width x rate, from the modules.
   *
   * <p>A channel is named in the locators on most boards ("CHANNEL A", "ChA"); where none is, each
   * module is counted as its own channel, which is right for one module per channel and overstates
   * a board with two per channel, and the result says which it did.
   *
   * @param modules populated modules
   * @return the theory, empty with no rate or width known
   */
  public static Optional<Theory> theory(List<Module> modules) {
    List<Module> known =
        modules.stream().filter(m -> m.mtPerSecond() > 0 && m.dataWidthBits() > 0).toList();
    if (known.isEmpty()) {
      return Optional.empty();
    }
    Set<String> channels = new LinkedHashSet<>();
    boolean named = true;
    for (Module m : known) {
      Optional<String> c = channelOf(m);
      named &= c.isPresent();
      channels.add(c.orElse(m.locator() + "/" + m.bankLocator()));
    }
    if (!named) {
      channels.clear();
      for (int i = 0; i < known.size(); i++) {
        channels.add(Integer.toString(i));
      }
    }
    long rate = known.stream().mapToLong(Module::mtPerSecond).min().orElse(0);
    int width = known.stream().mapToInt(Module::dataWidthBits).min().orElse(0);
    double bytes = channels.size() * (width / 8.0) * rate * 1e6;
    return Optional.of(
        new Theory(
            bytes,
            channels.size(),
            width,
            rate,
            named
                ? "distinct channels named in the modules' locators"
                : "one channel per populated module (the locators name no channel)"));
  }

  /**
   * The channel a module sits on: the first locator naming one ("P0 CHANNEL A", "ChannelA-DIMM0",
   * "P0_Node0_Channel0_Dimm0"), keyed with what precedes the name so that sockets stay apart.
   *
   * @param m the module
   * @return e.g. "P0/A", empty if no locator names a channel
   */
  static Optional<String> channelOf(Module m) {
    for (String s : List.of(m.bankLocator(), m.locator())) {
      Matcher x = CHANNEL.matcher(s);
      if (x.find()) {
        return Optional.of(
            s.substring(0, x.start()).trim() + "/" + x.group(1).toUpperCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  private static long speed(byte[] raw, int length, int offset, int extendedOffset) {
    int s = word(raw, length, offset);
    return s == 0xFFFF ? dword(raw, length, extendedOffset) & 0x7FFFFFFFL : s;
  }

  private static int word(byte[] raw, int length, int offset) {
    if (offset + 2 > length || offset + 2 > raw.length) {
      return 0;
    }
    return (raw[offset] & 0xff) | (raw[offset + 1] & 0xff) << 8;
  }

  private static long dword(byte[] raw, int length, int offset) {
    if (offset + 4 > length || offset + 4 > raw.length) {
      return 0;
    }
    return (long) word(raw, length, offset) | (long) word(raw, length, offset + 2) << 16;
  }

  private static List<String> strings(byte[] raw, int length) {
    List<String> out = new ArrayList<>();
    int i = length;
    while (i < raw.length && raw[i] != 0) {
      int start = i;
      while (i < raw.length && raw[i] != 0) {
        i++;
      }
      out.add(new String(raw, start, i - start, java.nio.charset.StandardCharsets.US_ASCII).trim());
      i++;
    }
    return out;
  }

  private static String string(List<String> strings, int number) {
    return number >= 1 && number <= strings.size() ? strings.get(number - 1) : "";
  }
}

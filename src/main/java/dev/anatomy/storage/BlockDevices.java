package dev.anatomy.storage;

import dev.anatomy.inventory.SystemFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the device behind a folder. {@link #capture(Path)} reads the live files (the mount table,
 * the {@code /sys/dev/block/MAJ:MIN} link, the disk's queue and device attributes) into a {@link
 * SystemFiles}, where a link's entry holds its resolved target as {@code readlink -f} prints it;
 * {@link #parse(SystemFiles, String)} turns that text into a {@link BlockDevice}, and is tested on
 * captured dumps.
 */
public final class BlockDevices {
  static final String MOUNTINFO = "/proc/self/mountinfo";

  /** Attributes read under the disk's directory. */
  static final List<String> ATTRIBUTES =
      List.of(
          "queue/rotational",
          "queue/logical_block_size",
          "queue/physical_block_size",
          "queue/write_cache",
          "size",
          "device/model",
          "device/vendor",
          "dm/name");

  private static final Set<String> MEMORY_FILESYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs");

  private BlockDevices() {}

  /** A line of the mount table. */
  record Mount(String mountPoint, int major, int minor, String fileSystem, String source) {}

  /**
   * Reads what the kernel says about the device behind a folder.
   *
   * @param folder an existing folder or file
   * @return the device
   */
  public static BlockDevice describe(Path folder) {
    try {
      String real = folder.toRealPath().toString();
      return parse(capture(folder), real);
    } catch (IOException e) {
      return unknown("", "", "");
    }
  }

  /**
   * Reads the live files for a folder.
   *
   * @param folder the folder
   * @return the captured text
   * @throws IOException if the folder does not exist
   */
  static SystemFiles capture(Path folder) throws IOException {
    String real = folder.toRealPath().toString();
    Map<String, List<String>> files = new LinkedHashMap<>();
    List<String> mountinfo = readLines(Path.of(MOUNTINFO));
    files.put(MOUNTINFO, mountinfo);
    Optional<Mount> mount = mountOf(mountinfo, real);
    if (mount.isEmpty()) {
      return new SystemFiles(files);
    }
    Optional<String> link = deviceLink(mount.get());
    if (link.isEmpty()) {
      return new SystemFiles(files);
    }
    Path target;
    try {
      target = Path.of(link.get()).toRealPath();
    } catch (IOException e) {
      return new SystemFiles(files);
    }
    files.put(link.get(), List.of(target.toString()));
    Path disk = Files.exists(target.resolve("partition")) ? target.getParent() : target;
    if (!disk.equals(target)) {
      files.put(target + "/partition", readLines(target.resolve("partition")));
    }
    for (String a : ATTRIBUTES) {
      Path p = disk.resolve(a);
      if (Files.isReadable(p)) {
        files.put(disk + "/" + a, readLines(p));
      }
    }
    Path slaves = disk.resolve("slaves");
    if (Files.isDirectory(slaves)) {
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(slaves)) {
        ds.forEach(s -> names.add(s.getFileName().toString()));
      }
      names.sort(null);
      files.put(disk + "/slaves", names);
    }
    return new SystemFiles(files);
  }

  /**
   * The {@code /sys} link naming a mount's block device: {@code /sys/dev/block/MAJ:MIN}, or for a
   * filesystem with an anonymous device number (btrfs) {@code /sys/class/block/NAME} of the mounted
   * {@code /dev/NAME}.
   */
  private static Optional<String> deviceLink(Mount m) {
    if (m.major() != 0) {
      return Optional.of("/sys/dev/block/" + m.major() + ":" + m.minor());
    }
    if (m.source().startsWith("/dev/")) {
      try {
        String name = Path.of(m.source()).toRealPath().getFileName().toString();
        return Optional.of("/sys/class/block/" + name);
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Parses the captured text for a folder.
   *
   * @param files text from {@link #capture(Path)} or a fixture
   * @param realFolder the folder's real path
   * @return the device as reported
   */
  static BlockDevice parse(SystemFiles files, String realFolder) {
    Optional<Mount> mount = mountOf(files.lines(MOUNTINFO), realFolder);
    if (mount.isEmpty()) {
      return unknown("", "", "");
    }
    Mount m = mount.get();
    if (MEMORY_FILESYSTEMS.contains(m.fileSystem())) {
      return new BlockDevice(
          m.mountPoint(),
          m.fileSystem(),
          m.source(),
          "",
          "",
          "memory",
          Optional.empty(),
          "",
          0,
          0,
          0,
          "",
          List.of(),
          "");
    }
    List<String> links = files.paths("/sys/(dev|class)/block/[^/]+");
    if (links.isEmpty()) {
      return unknown(m.mountPoint(), m.fileSystem(), m.source());
    }
    String target = files.text(links.get(0)).orElse("");
    boolean partition = !files.lines(target + "/partition").isEmpty();
    String disk = partition ? parent(target) : target;
    String name = lastName(disk);
    Optional<Boolean> rotational =
        files.text(disk + "/queue/rotational").map(t -> !"0".equals(t.trim()));
    String model = files.text(disk + "/device/model").orElse("").trim();
    return new BlockDevice(
        m.mountPoint(),
        m.fileSystem(),
        m.source(),
        name,
        partition ? lastName(target) : "",
        transport(disk, name, files.text(disk + "/dm/name").isPresent()),
        rotational,
        model,
        intOf(files.text(disk + "/queue/logical_block_size")),
        intOf(files.text(disk + "/queue/physical_block_size")),
        files.text(disk + "/size").map(s -> parseLong(s) * 512).orElse(0L),
        files.text(disk + "/queue/write_cache").orElse(""),
        files.lines(disk + "/slaves"),
        disk);
  }

  /**
   * How a disk is attached, read from where it sits in the device tree.
   *
   * @param sysfsPath the disk's resolved directory under /sys/devices
   * @param name its kernel name
   * @param deviceMapper whether it has a {@code dm/} directory
   * @return a short word
   */
  static String transport(String sysfsPath, String name, boolean deviceMapper) {
    String p = sysfsPath.toLowerCase(Locale.ROOT);
    if (name.startsWith("nvme") || p.contains("/nvme/")) {
      return "NVMe";
    }
    if (p.contains("/devices/virtual/")) {
      if (deviceMapper || name.startsWith("dm-")) {
        return "device mapper";
      }
      for (String[] kind :
          new String[][] {
            {"loop", "loop"},
            {"md", "software RAID"},
            {"zram", "compressed RAM"},
            {"nbd", "network block device"},
            {"ram", "RAM disk"}
          }) {
        if (name.startsWith(kind[0])) {
          return kind[1];
        }
      }
      return "virtual";
    }
    if (p.contains("/virtio")) {
      return "virtio";
    }
    if (p.contains("/usb")) {
      return "USB";
    }
    if (p.contains("/ata")) {
      return "SATA";
    }
    if (p.contains("/mmc")) {
      return "MMC";
    }
    if (p.contains("/vbd-") || p.contains("/xen")) {
      return "Xen";
    }
    if (p.contains("/host") && p.contains("/target")) {
      return "SCSI";
    }
    return "unknown";
  }

  /**
   * The mount holding a path: the longest mount point that is a prefix of it, the last such line
   * when mounts are stacked.
   *
   * @param mountinfo lines of /proc/self/mountinfo
   * @param realPath the path, with links resolved
   * @return the mount, empty if none matches
   */
  static Optional<Mount> mountOf(List<String> mountinfo, String realPath) {
    Mount best = null;
    for (String line : mountinfo) {
      Optional<Mount> m = parseMount(line);
      if (m.isEmpty() || !contains(m.get().mountPoint(), realPath)) {
        continue;
      }
      if (best == null || m.get().mountPoint().length() >= best.mountPoint().length()) {
        best = m.get();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Parses one mountinfo line: {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [TAGS] - TYPE
   * SOURCE SUPEROPTIONS}.
   *
   * @param line the line
   * @return the mount, empty for a malformed line
   */
  static Optional<Mount> parseMount(String line) {
    String[] f = line.trim().split(" ");
    int dash = -1;
    for (int i = 6; i < f.length; i++) {
      if ("-".equals(f[i])) {
        dash = i;
        break;
      }
    }
    if (f.length < 7 || dash < 0 || dash + 2 >= f.length) {
      return Optional.empty();
    }
    String[] mm = f[2].split(":");
    if (mm.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Mount(
              unescape(f[4]),
              Integer.parseInt(mm[0]),
              Integer.parseInt(mm[1]),
              f[dash + 1],
              unescape(f[dash + 2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Undoes mountinfo's octal escapes ({@code \040} for a space). */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(String mountPoint, String path) {
    if ("/".equals(mountPoint)) {
      return path.startsWith("/");
    }
    return path.equals(mountPoint) || path.startsWith(mountPoint + "/");
  }

  private static BlockDevice unknown(String mountPoint, String fs, String source) {
    return new BlockDevice(
        mountPoint,
        fs,
        source,
        "",
        "",
        "unknown",
        Optional.empty(),
        "",
        0,
        0,
        0,
        "",
        List.of(),
        "");
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash > 0 ? path.substring(0, slash) : path;
  }

  private static String lastName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static int intOf(Optional<String> text) {
    return text.map(t -> (int) parseLong(t)).orElse(0);
  }

  private static long parseLong(String t) {
    try {
      return Long.parseLong(t.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      return List.of();
    }
  }
}

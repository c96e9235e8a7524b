package dev.anatomy.inventory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The text of the /proc and /sys files the inventory reads, keyed by absolute path.
 *
 * <p>Reading is kept apart from parsing: {@link #capture()} reads the live files, {@link
 * #parseDump(List)} reads a captured dump in the format {@code tail -n +1 FILE...} prints ({@code
 * ==> /path <==} before each file), so parsers are tested on real captured text.
 */
public final class SystemFiles {
  private static final Pattern HEADER = Pattern.compile("^==> (.+) <==$");
  private static final Pattern CPU_DIR = Pattern.compile("cpu[0-9]+");
  private static final Pattern INDEX_DIR = Pattern.compile("index[0-9]+");
  private static final Pattern NODE_DIR = Pattern.compile("node[0-9]+");

  /**
   * The key of the C library's cache figures ({@code sysconf(3)}, as {@code getconf -a} prints
   * them): not a file, but captured and dumped as one, under this name.
   */
  public static final String SYSCONF = "sysconf";

  private static final List<String> SINGLE_FILES =
      List.of(
          "/proc/cpuinfo",
          "/proc/meminfo",
          "/sys/kernel/mm/transparent_hugepage/enabled",
          "/sys/devices/system/clocksource/clocksource0/current_clocksource",
          "/proc/sys/kernel/osrelease",
          "/sys/devices/system/cpu/online");
  private static final List<String> TOPOLOGY_FILES =
      List.of("core_id", "physical_package_id", "thread_siblings_list");
  private static final List<String> CACHE_FILES =
      List.of(
          "level",
          "type",
          "size",
          "coherency_line_size",
          "ways_of_associativity",
          "shared_cpu_list");

  private final Map<String, List<String>> files;

  /**
   * Wraps captured files.
   *
   * @param files path to lines
   */
  public SystemFiles(Map<String, List<String>> files) {
    this.files = new TreeMap<>(files);
  }

  /**
   * Reads the live files of this machine. Missing files are simply absent.
   *
   * @return the captured files
   */
  public static SystemFiles capture() {
    SystemFiles files = capture(Path.of("/"));
    files.files.put(SYSCONF, Sysconf.cacheLines());
    return files;
  }

  static SystemFiles capture(Path root) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (String f : SINGLE_FILES) {
      read(root, f, files);
    }
    Path cpuRoot = root.resolve("sys/devices/system/cpu");
    for (Path cpu : children(cpuRoot, CPU_DIR)) {
      for (String t : TOPOLOGY_FILES) {
        read(root, "/" + root.relativize(cpu.resolve("topology").resolve(t)), files);
      }
      for (Path index : children(cpu.resolve("cache"), INDEX_DIR)) {
        for (String c : CACHE_FILES) {
          read(root, "/" + root.relativize(index.resolve(c)), files);
        }
      }
    }
    for (Path node : children(root.resolve("sys/devices/system/node"), NODE_DIR)) {
      read(root, "/" + root.relativize(node.resolve("cpulist")), files);
    }
    return new SystemFiles(files);
  }

  /**
   * Parses a dump written by {@code tail -n +1 FILE...}.
   *
   * @param lines the dump's lines
   * @return the files it holds
   */
  public static SystemFiles parseDump(List<String> lines) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines) {
      var m = HEADER.matcher(line);
      if (m.matches()) {
        current = new ArrayList<>();
        files.put(m.group(1), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    for (List<String> body : files.values()) {
      while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
        body.remove(body.size() - 1);
      }
    }
    return new SystemFiles(files);
  }

  /**
   * All lines of a file.
   *
   * @param path absolute path
   * @return the lines, empty if the file was not captured
   */
  public List<String> lines(String path) {
    return files.getOrDefault(path, List.of());
  }

  /**
   * The first line of a file, trimmed.
   *
   * @param path absolute path
   * @return the text, empty if the file was not captured or is empty
   */
  public Optional<String> text(String path) {
    List<String> lines = files.get(path);
    return lines == null || lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).trim());
  }

  /**
   * Captured paths matching a regular expression, sorted.
   *
   * @param regex whole-path pattern
   * @return matching paths
   */
  public List<String> paths(String regex) {
    Pattern p = Pattern.compile(regex);
    return files.keySet().stream().filter(k -> p.matcher(k).matches()).toList();
  }

  private static void read(Path root, String absolute, Map<String, List<String>> into) {
    Path p = root.resolve(absolute.substring(1));
    try {
      into.put(absolute, Files.readAllLines(p));
    } catch (IOException | SecurityException e) {
      // an absent or unreadable file leaves its figure unknown; the parser says so
    }
  }

  private static List<Path> children(Path dir, Pattern name) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (name.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }
}

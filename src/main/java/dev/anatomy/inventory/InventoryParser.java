package dev.anatomy.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns captured /proc and /sys text into a {@link Machine}. Pure: no file access. */
public final class InventoryParser {
  private static final Pattern TOPOLOGY =
      Pattern.compile("/sys/devices/system/cpu/cpu([0-9]+)/topology/thread_siblings_list");
  private static final Pattern CACHE_LEVEL =
      Pattern.compile("/sys/devices/system/cpu/cpu([0-9]+)/cache/(index[0-9]+)/level");
  private static final Pattern NODE =
      Pattern.compile("/sys/devices/system/node/node([0-9]+)/cpulist");

  private InventoryParser() {}

  /**
   * Parses captured files.
   *
   * @param files the captured text
   * @return the machine as reported
   */
  public static Machine parse(SystemFiles files) {
    CpuInfo cpu = CpuInfo.parse(files.lines("/proc/cpuinfo"));
    List<Integer> online =
        files.text("/sys/devices/system/cpu/online").map(CpuList::parse).orElse(cpu.processors());
    int logical = online.isEmpty() ? Math.max(1, cpu.processors().size()) : online.size();
    List<List<Integer>> siblings = siblings(files, online);
    Set<String> cores = cpu.coreKeys();
    int physical = cores.isEmpty() ? siblings.size() : cores.size();
    int packages = Math.max(1, cpu.packageCount());
    String thp =
        files
            .text("/sys/kernel/mm/transparent_hugepage/enabled")
            .map(InventoryParser::bracketed)
            .orElse("unknown");
    return new Machine(
        cpu.vendor(),
        cpu.modelName(),
        cpu.family(),
        cpu.model(),
        cpu.stepping(),
        cpu.flags(),
        logical,
        physical,
        packages,
        siblings,
        numaNodes(files, online),
        caches(files),
        meminfo(files, "MemTotal:"),
        meminfo(files, "MemAvailable:"),
        cpu.flags().contains("hypervisor"),
        thp,
        files
            .text("/sys/devices/system/clocksource/clocksource0/current_clocksource")
            .orElse("unknown"),
        files.text("/proc/sys/kernel/osrelease").orElse("unknown"),
        cpu.mhz());
  }

  /**
   * The selected word of a sysfs choice list: "always [madvise] never" gives "madvise".
   *
   * @param text the file's text
   * @return the bracketed word, or the text if none is bracketed
   */
  static String bracketed(String text) {
    Matcher m = Pattern.compile("\\[([^]]+)]").matcher(text);
    return m.find() ? m.group(1) : text.trim();
  }

  /**
   * Parses a sysfs size: "32K", "1280K", "2M", or plain bytes.
   *
   * @param text the size
   * @return bytes
   */
  static long parseSize(String text) {
    String t = text.trim().toUpperCase(java.util.Locale.ROOT);
    long mult = 1;
    char last = t.charAt(t.length() - 1);
    if (last == 'K' || last == 'M' || last == 'G') {
      mult = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    return Long.parseLong(t.trim()) * mult;
  }

  private static List<List<Integer>> siblings(SystemFiles files, List<Integer> online) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (String path : files.paths(TOPOLOGY.pattern())) {
      Matcher m = TOPOLOGY.matcher(path);
      if (!m.matches()) {
        continue;
      }
      int cpu = Integer.parseInt(m.group(1));
      if (!online.isEmpty() && !online.contains(cpu)) {
        continue;
      }
      files.text(path).ifPresent(t -> groups.putIfAbsent(t, CpuList.parse(t)));
    }
    if (groups.isEmpty()) {
      List<List<Integer>> singles = new ArrayList<>();
      for (int c : online) {
        singles.add(List.of(c));
      }
      return singles;
    }
    return new ArrayList<>(groups.values());
  }

  private static List<NumaNode> numaNodes(SystemFiles files, List<Integer> online) {
    Map<Integer, List<Integer>> nodes = new TreeMap<>();
    for (String path : files.paths(NODE.pattern())) {
      Matcher m = NODE.matcher(path);
      if (m.matches()) {
        nodes.put(
            Integer.parseInt(m.group(1)), files.text(path).map(CpuList::parse).orElse(List.of()));
      }
    }
    if (nodes.isEmpty()) {
      return List.of(new NumaNode(0, online));
    }
    List<NumaNode> out = new ArrayList<>();
    nodes.forEach((id, cpus) -> out.add(new NumaNode(id, cpus)));
    return out;
  }

  private static List<CacheInfo> caches(SystemFiles files) {
    // key: level/type -> instances seen (by shared CPU list) and one representative
    Map<String, Set<String>> instances = new LinkedHashMap<>();
    Map<String, CacheInfo> first = new LinkedHashMap<>();
    for (String path : files.paths(CACHE_LEVEL.pattern())) {
      String dir = path.substring(0, path.lastIndexOf('/'));
      String level = files.text(path).orElse("");
      String type = files.text(dir + "/type").orElse("Unified");
      String key = level + "/" + type;
      String shared = files.text(dir + "/shared_cpu_list").orElse("");
      instances.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(shared);
      if (!first.containsKey(key) && files.text(dir + "/size").isPresent()) {
        first.put(
            key,
            new CacheInfo(
                Integer.parseInt(level),
                type,
                parseSize(files.text(dir + "/size").orElseThrow()),
                files.text(dir + "/coherency_line_size").map(Integer::parseInt).orElse(64),
                files.text(dir + "/ways_of_associativity").map(Integer::parseInt).orElse(0),
                CpuList.parse(shared),
                1,
                CacheInfo.SYSFS));
      }
    }
    List<CacheInfo> out = new ArrayList<>();
    for (var e : first.entrySet()) {
      CacheInfo c = e.getValue();
      out.add(
          new CacheInfo(
              c.level(),
              c.type(),
              c.sizeBytes(),
              c.lineBytes(),
              c.ways(),
              c.sharedCpus(),
              instances.get(e.getKey()).size(),
              CacheInfo.SYSFS));
    }
    if (out.isEmpty()) {
      out.addAll(fromSysconf(files.lines(SystemFiles.SYSCONF)));
    }
    out.sort(java.util.Comparator.comparingInt(CacheInfo::level).thenComparing(CacheInfo::type));
    return out;
  }

  /**
   * The caches of {@code getconf -a}'s lines ({@code LEVEL1_DCACHE_SIZE 49152}), which the C
   * library reads from the CPU's {@code cpuid} leaves: what the inventory reports where sysfs
   * describes no cache. Level 1 is split into data and instruction, the others are unified; they do
   * not say which CPUs share a cache, nor how many there are.
   *
   * @param lines the lines, in any order; names with no value or a value of 0 are skipped
   * @return the caches with a size
   */
  public static List<CacheInfo> fromSysconf(List<String> lines) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      if (words.length == 2 && words[1].matches("[0-9]+")) {
        values.put(words[0], Long.parseLong(words[1]));
      }
    }
    List<CacheInfo> out = new ArrayList<>();
    String[][] kinds = {
      {"LEVEL1_DCACHE", "1", "Data"},
      {"LEVEL1_ICACHE", "1", "Instruction"},
      {"LEVEL2_CACHE", "2", "Unified"},
      {"LEVEL3_CACHE", "3", "Unified"},
      {"LEVEL4_CACHE", "4", "Unified"}
    };
    for (String[] k : kinds) {
      long size = values.getOrDefault(k[0] + "_SIZE", 0L);
      if (size > 0) {
        out.add(
            new CacheInfo(
                Integer.parseInt(k[1]),
                k[2],
                size,
                (int) (long) values.getOrDefault(k[0] + "_LINESIZE", 64L),
                (int) (long) values.getOrDefault(k[0] + "_ASSOC", 0L),
                List.of(),
                0,
                CacheInfo.CPUID));
      }
    }
    return out;
  }

  private static long meminfo(SystemFiles files, String key) {
    for (String line : files.lines("/proc/meminfo")) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }
}

package dev.anatomy.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the command line of a child JVM that runs anatomy's own code: the same Java and class path
 * as this JVM, the flags kernels need, and whatever extra flags a probe asks for (for example
 * {@code -XX:-UseSuperWord} for a scalar baseline that C2 must not vectorise).
 *
 * <p>A fresh JVM per part also keeps one part's JIT profile from shaping another's code, as JMH
 * forks do.
 */
public final class JvmFork {
  /** The line Java prints on every start when an incubator module is resolved. */
  public static final String INCUBATOR_WARNING =
      "WARNING: Using incubator modules: jdk.incubator.vector";

  /** Flags every measuring JVM gets. */
  public static final List<String> BASE_FLAGS =
      List.of(
          "--add-modules",
          "jdk.incubator.vector",
          "--enable-native-access=ALL-UNNAMED",
          "-XX:+UseParallelGC",
          "-Xms256m",
          "-Xmx1g",
          "-XX:-UsePerfData",
          "-Dfile.encoding=UTF-8");

  /** Where the kernel says when it hands out transparent huge pages. */
  private static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  private JvmFork() {}

  /**
   * Flags that put the child's Java heap on transparent huge pages where the kernel gives them only
   * on request ({@code madvise}); with {@code always} it does so anyway, and with {@code never} the
   * flag would only print a warning. The heap's 4 KiB pages cost a page fault each as the child
   * first allocates in them, some 12 us apiece on the Firecracker guest, whose host backs a page at
   * its first write: alternating three quick memory cards each, huge pages took 6.07-6.23 s against
   * 6.62-6.79, the steps 4.7-4.8 s against 5.1-5.3. Measured memory is mapped apart from the heap,
   * with its own page-size advice, so no figure's pages change.
   *
   * @param thpMode the text of the kernel's mode file, for example {@code always [madvise] never}
   * @return the flags, possibly none
   */
  static List<String> heapPageFlags(String thpMode) {
    return thpMode.contains("[madvise]") ? List.of("-XX:+UseTransparentHugePages") : List.of();
  }

  private static String thpMode() {
    try {
      return Files.readString(THP_MODE);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * The java executable running this JVM.
   *
   * @return path of bin/java under java.home
   */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The command line for a child JVM.
   *
   * @param extraFlags flags after the base flags
   * @param mainClass fully qualified main class
   * @param args program arguments
   * @return the command, ready for {@link ProcessBuilder}
   */
  public static List<String> command(List<String> extraFlags, String mainClass, List<String> args) {
    return command(extraFlags, mainClass, args, args.isEmpty() ? "" : args.get(0));
  }

  /**
   * The command line for a child JVM whose class-data archive is named by {@code workload}, for a
   * child whose first argument does not say what it runs (a number, say, that differs between a
   * quick card and a default one): one archive then serves both, rather than the first run of each
   * writing its own.
   *
   * <pre>{@code
   * // the sample length varies by effort; the classes loaded do not
   * JvmFork.command(List.of(), "dev.example.Main", List.of("1000000", "5"), "");
   * }</pre>
   *
   * @param extraFlags flags after the base flags
   * @param mainClass fully qualified main class
   * @param args program arguments
   * @param workload names the archive with the main class and the extra flags
   * @return the command, ready for {@link ProcessBuilder}
   */
  public static List<String> command(
      List<String> extraFlags, String mainClass, List<String> args, String workload) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(BASE_FLAGS);
    cmd.addAll(heapPageFlags(thpMode()));
    List<String> agent = coverageAgent();
    cmd.addAll(agent);
    if (agent.isEmpty()) {
      cmd.addAll(
          ClassDataSharing.flags(
              "fork",
              System.getProperty("java.class.path"),
              archiveKey(extraFlags, mainClass, workload)));
    }
    cmd.addAll(extraFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * What names a child's class-data archive: one archive per main class, extra flags and workload
   * (for ForkMain, the parts it measures).
   *
   * @param extraFlags the child's extra flags
   * @param mainClass its main class
   * @param workload what it runs, or empty
   * @return the key
   */
  static String archiveKey(List<String> extraFlags, String mainClass, String workload) {
    String key = mainClass + " " + String.join(" ", extraFlags);
    return workload.isEmpty() ? key : key + " " + workload;
  }

  /**
   * The JaCoCo agent of this JVM, if it runs under one (mvn verify), so that code which only runs
   * in a measuring child is counted as covered too; the agent appends to the same file.
   *
   * @return the agent's flag, or nothing
   */
  static List<String> coverageAgent() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-javaagent:") && a.contains("jacoco"))
        .toList();
  }

  /**
   * Whether a line of a child's stderr is JVM noise the user should not see.
   *
   * @param line one line of stderr
   * @return true for the incubator-module warning and the JVM's warnings about its class-data
   *     archive
   */
  public static boolean isJvmNoise(String line) {
    return line.equals(INCUBATOR_WARNING)
        || (line.contains("VM warning")
            && (line.contains("CDS") || line.contains("SharedArchive")));
  }
}

package dev.anatomy.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmForkTest {
  @Test
  void theChildRunsTheMainClassWithItsArgumentsAfterItsFlags() {
    List<String> cmd =
        JvmFork.command(List.of("-XX:-UseSuperWord"), "dev.example.Main", List.of("7", "x"));

    assertThat(cmd.get(0)).isEqualTo(JvmFork.javaExecutable());
    assertThat(cmd).containsSequence("-XX:-UseSuperWord", "-cp");
    assertThat(cmd).endsWith("dev.example.Main", "7", "x");
    assertThat(cmd).containsAll(JvmFork.BASE_FLAGS);
  }

  @Test
  void theHeapAsksForHugePagesOnlyWhereTheKernelGivesThemOnRequest() {
    assertThat(JvmFork.heapPageFlags("always [madvise] never\n"))
        .containsExactly("-XX:+UseTransparentHugePages");
    assertThat(JvmFork.heapPageFlags("[always] madvise never\n")).isEmpty();
    assertThat(JvmFork.heapPageFlags("always madvise [never]\n")).isEmpty();
    assertThat(JvmFork.heapPageFlags("")).isEmpty();
  }

  @Test
  void anArchiveIsNamedByTheFirstArgumentUnlessAWorkloadIsGiven() {
    assertThat(JvmFork.archiveKey(List.of("-Xa"), "M", "compute"))
        .isNotEqualTo(JvmFork.archiveKey(List.of("-Xa"), "M", "memory"));
    assertThat(JvmFork.archiveKey(List.of("-Xa"), "M", ""))
        .isEqualTo("M -Xa")
        .isNotEqualTo(JvmFork.archiveKey(List.of("-Xb"), "M", ""));
  }

  @Test
  void childrenGivenOneWorkloadShareOneArchiveWhateverTheirArguments() {
    List<String> quick = JvmFork.command(List.of(), "dev.example.Main", List.of("1000"), "");
    List<String> slow = JvmFork.command(List.of(), "dev.example.Main", List.of("5000"), "");
    List<String> byArgument = JvmFork.command(List.of(), "dev.example.Main", List.of("1000"));

    assertThat(archive(quick)).isEqualTo(archive(slow));
    if (!archive(quick).isEmpty()) {
      assertThat(archive(byArgument)).isNotEqualTo(archive(quick));
    }
  }

  private static String archive(List<String> cmd) {
    return cmd.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElse("");
  }
}

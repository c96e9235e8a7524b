package dev.anatomy.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryParserTest {
  static SystemFiles fixture(String name) throws IOException {
    try (InputStream in = InventoryParserTest.class.getResourceAsStream("/fixtures/" + name)) {
      return SystemFiles.parseDump(
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
  }

  @Test
  void readsThisKindOfMachine() throws IOException {
    Machine m = InventoryParser.parse(fixture("this-machine.txt"));
    assertThat(m.vendor()).isEqualTo("AuthenticAMD");
    assertThat(m.modelName()).isEqualTo("AMD EPYC");
    assertThat(m.family()).isEqualTo(25);
    assertThat(m.model()).isEqualTo(1);
    assertThat(m.logicalCpus()).isEqualTo(2);
    assertThat(m.physicalCores()).isEqualTo(2);
    assertThat(m.packages()).isEqualTo(1);
    assertThat(m.hasSmt()).isFalse();
    assertThat(m.smtSiblings()).containsExactly(List.of(0), List.of(1));
    assertThat(m.hypervisor()).isTrue();
    assertThat(m.flags()).contains("avx2", "fma").doesNotContain("avx512f");
    assertThat(m.transparentHugePages()).isEqualTo("madvise");
    assertThat(m.clockSource()).isEqualTo("tsc");
    assertThat(m.numaNodes()).hasSize(1);
    assertThat(m.memoryTotalBytes()).isEqualTo(24683656L * 1024);
    assertThat(m.reportedMhz()).isGreaterThan(2000);
  }

  @Test
  void readsCachesWithTheirSharingAndInstances() throws IOException {
    Machine m = InventoryParser.parse(fixture("this-machine.txt"));
    CacheInfo l1d = m.dataCache(1).orElseThrow();
    assertThat(l1d.type()).isEqualTo("Data");
    assertThat(l1d.sizeBytes()).isEqualTo(32 * 1024);
    assertThat(l1d.ways()).isEqualTo(8);
    assertThat(l1d.lineBytes()).isEqualTo(64);
    assertThat(l1d.instances()).isEqualTo(2);
    assertThat(m.dataCache(2).orElseThrow().sizeBytes()).isEqualTo(512 * 1024);
    CacheInfo l3 = m.lastLevelCache().orElseThrow();
    assertThat(l3.level()).isEqualTo(3);
    assertThat(l3.sizeBytes()).isEqualTo(32L << 20);
    assertThat(l3.sharedCpus()).containsExactly(0, 1);
    assertThat(l3.instances()).isEqualTo(1);
    assertThat(m.caches()).anyMatch(c -> c.type().equals("Instruction") && !c.holdsData());
  }

  @Test
  void readsATwoSocketMachineWithSmtAndTwoNodes() throws IOException {
    Machine m = InventoryParser.parse(fixture("two-socket-smt.txt"));
    assertThat(m.logicalCpus()).isEqualTo(8);
    assertThat(m.physicalCores()).isEqualTo(4);
    assertThat(m.packages()).isEqualTo(2);
    assertThat(m.hasSmt()).isTrue();
    assertThat(m.smtSiblings())
        .containsExactly(List.of(0, 4), List.of(1, 5), List.of(2, 6), List.of(3, 7));
    assertThat(m.numaNodes())
        .extracting(NumaNode::cpus)
        .containsExactly(List.of(0, 1, 4, 5), List.of(2, 3, 6, 7));
    assertThat(m.hypervisor()).isFalse();
    assertThat(m.flags()).contains("avx512f");
    assertThat(m.transparentHugePages()).isEqualTo("always");
    assertThat(m.dataCache(1).orElseThrow().instances()).isEqualTo(4);
    assertThat(m.dataCache(2).orElseThrow().sizeBytes()).isEqualTo(1280 * 1024);
    CacheInfo l3 = m.lastLevelCache().orElseThrow();
    assertThat(l3.sizeBytes()).isEqualTo(48L << 20);
    assertThat(l3.instances()).isEqualTo(2);
    assertThat(l3.sharedCpus()).containsExactly(0, 1, 4, 5);
  }

  @Test
  void survivesAMachineThatReportsAlmostNothing() {
    Machine m = InventoryParser.parse(new SystemFiles(java.util.Map.of()));
    assertThat(m.logicalCpus()).isPositive();
    assertThat(m.caches()).isEmpty();
    assertThat(m.lastLevelCache()).isEmpty();
    assertThat(m.transparentHugePages()).isEqualTo("unknown");
    assertThat(m.modelName()).isEqualTo("unknown");
  }

  @Test
  void parsesSysfsSizesAndChoiceLists() {
    assertThat(InventoryParser.parseSize("32K")).isEqualTo(32768);
    assertThat(InventoryParser.parseSize("2M")).isEqualTo(2L << 20);
    assertThat(InventoryParser.parseSize("4096")).isEqualTo(4096);
    assertThat(InventoryParser.bracketed("always [madvise] never")).isEqualTo("madvise");
    assertThat(InventoryParser.bracketed("tsc")).isEqualTo("tsc");
  }

  @Test
  void parsesCpuLists() {
    assertThat(CpuList.parse("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
    assertThat(CpuList.parse(" ")).isEmpty();
    assertThatThrownBy(() -> CpuList.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CpuList.parse("a-b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheCachesFromCpuidWhereTheKernelDescribesNone() throws IOException {
    // a Firecracker guest on Zen 5: no cache folder in sysfs; getconf -a's lines as captured
    Machine m = InventoryParser.parse(fixture("firecracker-zen5.txt"));
    assertThat(m.family()).isEqualTo(26);
    assertThat(m.flags()).contains("avx512f");
    assertThat(m.logicalCpus()).isEqualTo(2);
    assertThat(m.caches())
        .extracting(CacheInfo::level, CacheInfo::type, CacheInfo::sizeBytes, CacheInfo::ways)
        .containsExactly(
            tuple(1, "Data", 48L << 10, 12),
            tuple(1, "Instruction", 32L << 10, 0),
            tuple(2, "Unified", 1L << 20, 8),
            tuple(3, "Unified", 508L << 20, 0));
    assertThat(m.caches())
        .allSatisfy(
            c -> {
              assertThat(c.source()).isEqualTo(CacheInfo.CPUID);
              assertThat(c.lineBytes()).isEqualTo(64);
              assertThat(c.sharedCpus()).isEmpty();
              assertThat(c.instances()).isZero();
              assertThat(c.describedByKernel()).isFalse();
            });
    assertThat(m.dataCache(2).orElseThrow().sizeBytes()).isEqualTo(1L << 20);
    // a 508 MiB L3 is no cache this guest has: nothing is sized from it
    assertThat(m.lastLevelCache()).isEmpty();
  }

  @Test
  void theKernelsCachesComeBeforeCpuids() throws IOException {
    SystemFiles sysfs = fixture("this-machine.txt");
    java.util.Map<String, List<String>> both = new java.util.HashMap<>();
    for (String path : sysfs.paths(".*")) {
      both.put(path, sysfs.lines(path));
    }
    both.put(SystemFiles.SYSCONF, List.of("LEVEL1_DCACHE_SIZE 49152", "LEVEL2_CACHE_SIZE 1048576"));
    Machine m = InventoryParser.parse(new SystemFiles(both));
    assertThat(m.caches()).isNotEmpty().allMatch(CacheInfo::describedByKernel);
    assertThat(m.dataCache(1).orElseThrow().sizeBytes()).isEqualTo(32 * 1024);
    assertThat(m.lastLevelCache()).isPresent();
  }

  @Test
  void cpuidLinesWithoutAValueAreSkipped() {
    assertThat(
            InventoryParser.fromSysconf(
                List.of(
                    "LEVEL1_DCACHE_SIZE                 0",
                    "LEVEL1_DCACHE_ASSOC                ",
                    "LEVEL2_CACHE_SIZE 524288",
                    "LEVEL2_CACHE_LINESIZE 128",
                    "LEVEL4_CACHE_SIZE",
                    "not a line at all")))
        .containsExactly(
            new CacheInfo(2, "Unified", 524288, 128, 0, List.of(), 0, CacheInfo.CPUID));
    assertThat(InventoryParser.fromSysconf(List.of())).isEmpty();
  }

  @Test
  void readsTheLiveMachine() {
    Machine m = Machine.read();
    assertThat(m.logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(m.memoryTotalBytes()).isPositive();
    // from sysfs, or where the kernel describes none (a Firecracker guest), from cpuid
    assertThat(m.caches()).isNotEmpty();
    assertThat(m.dataCache(1)).isPresent();
  }
}

package dev.anatomy.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void readsTheLiveMachine() {
    Machine m = Machine.read();
    assertThat(m.logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(m.memoryTotalBytes()).isPositive();
    assertThat(m.caches()).isNotEmpty();
  }
}

package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import dev.anatomy.harness.PinnedPool;
import dev.anatomy.harness.Sampler;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real hardware, bounded to seconds: the physics the curves must show, never absolute speed. */
class MemoryPhysicsTest {
  private static final Sampler QUICK = new Sampler(new Sampler.Plan(1, 3, 2, 0.05, 3));
  private static PinnedPool pool;

  @BeforeAll
  static void start() {
    pool = new PinnedPool(Affinity.allowedCpus());
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  @Test
  void latencyRisesFromL1ToMemory() {
    LatencyProbe probe = new LatencyProbe(pool, QUICK, 500_000);
    long big = 128L << 20;
    OffHeap region =
        pool.run(
                1,
                w -> {
                  OffHeap r = OffHeap.map(big, PageSize.SMALL);
                  r.touch();
                  return r;
                })
            .get(0);
    try (region) {
      probe.warmUpJit(region);
      double l1 =
          probe.measure(region, 16 << 10, ChaseLayout.Variant.TLB_GROUPED).latency().value();
      double l2 =
          probe.measure(region, 256 << 10, ChaseLayout.Variant.TLB_GROUPED).latency().value();
      double mem = probe.measure(region, big, ChaseLayout.Variant.TLB_GROUPED).latency().value();
      assertThat(l1).isPositive().isLessThan(l2);
      assertThat(mem).isGreaterThan(3 * l1).isGreaterThan(l2);
    }
  }

  @Test
  void bandwidthFallsFromL1ToMemory() {
    try (BandwidthProbe probe =
        new BandwidthProbe(pool, QUICK, StreamLoops.best(), 500_000, new long[] {128L << 20})) {
      probe.warmUpJit();
      double l1 = probe.measure(StreamKernel.READ, 16 << 10, 1, QUICK).bandwidth().value();
      double mem = probe.measure(StreamKernel.READ, 128L << 20, 1, QUICK).bandwidth().value();
      assertThat(mem).isPositive();
      assertThat(l1).isGreaterThan(2 * mem);
      BandwidthPoint triad = probe.measure(StreamKernel.TRIAD, 96 << 10, 1, QUICK);
      assertThat(triad.sizeBytes()).isLessThanOrEqualTo(96 << 10).isGreaterThan(90 << 10);
      assertThat(triad.bandwidth().unit()).isEqualTo("B/s");
    }
  }

  @Test
  void everyKernelsCheckPassesOnHonestRunsAndFailsOnWrongData() {
    StreamLoops loops = StreamLoops.best();
    try (StreamWorkspace ws = StreamWorkspace.create(1 << 20, loops)) {
      for (StreamKernel k : StreamKernel.values()) {
        ws.use(StreamWorkspace.arrayBytes(k, 64 << 10, loops.granuleBytes()));
        ws.mark(k);
        long sunk = ws.run(k, 3, 2.5);
        assertThatCode(() -> ws.check(k, 3, 2.5, sunk)).doesNotThrowAnyException();
      }
      // a write that did not happen: marks left in place
      ws.use(64 << 10);
      ws.mark(StreamKernel.TRIAD);
      assertThatThrownBy(() -> ws.check(StreamKernel.TRIAD, 1, 2.5, 3))
          .isInstanceOf(KernelCheckException.class);
      // a read over corrupted input
      long sunk = ws.run(StreamKernel.READ, 1, 0);
      assertThatThrownBy(() -> ws.check(StreamKernel.READ, 2, 0, sunk))
          .isInstanceOf(KernelCheckException.class);
    }
  }

  @Test
  void aWorkspaceOnLentMemoryRunsEveryKernelAndLeavesTheLentMemoryToItsOwner() {
    StreamLoops loops = StreamLoops.best();
    long max = 1 << 20;
    long lent = StreamWorkspace.lentBytes(max, loops);
    try (OffHeap owner = OffHeap.map(lent, PageSize.SMALL)) {
      owner.touch();
      MemorySegment memory = owner.segment();
      // a chain of the latency sweep, say: b's pattern replaces it
      memory.fill((byte) 0x5a);
      try (StreamWorkspace ws = StreamWorkspace.map(max, loops, memory).fill()) {
        for (StreamKernel k : StreamKernel.values()) {
          ws.use(StreamWorkspace.arrayBytes(k, max, loops.granuleBytes()));
          ws.mark(k);
          long sunk = ws.run(k, 2, 1.5);
          assertThatCode(() -> ws.check(k, 2, 1.5, sunk)).doesNotThrowAnyException();
        }
        // the output array is the workspace's own: the knee passes chase there
        long a = ws.output().address();
        assertThat(a >= memory.address() && a < memory.address() + memory.byteSize()).isFalse();
      }
      // closing the workspace did not unmap the lent memory: b's pattern is still there
      assertThat(memory.get(ValueLayout.JAVA_DOUBLE, StreamWorkspace.ARRAY_GAP + 8 * 3))
          .isEqualTo(3.0);
    }
    try (OffHeap small = OffHeap.map(lent - 4096, PageSize.SMALL)) {
      assertThatThrownBy(() -> StreamWorkspace.map(max, loops, small.segment()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void workspacesLaidWhollyInLentMemoryRunEveryKernelApartAndMapNothing() {
    StreamLoops loops = StreamLoops.best();
    long max = 1 << 20;
    long one = StreamWorkspace.wholeLentBytes(max, loops);
    try (OffHeap owner = OffHeap.map(2 * one + 4096, PageSize.SMALL)) {
      owner.touch();
      MemorySegment memory = owner.segment();
      memory.fill((byte) 0x5a); // what a chain of the latency sweep leaves
      memory.set(ValueLayout.JAVA_LONG, 2 * one, 42L); // past both workspaces
      try (StreamWorkspace first = StreamWorkspace.inLent(max, loops, memory.asSlice(0, one));
          StreamWorkspace second = StreamWorkspace.inLent(max, loops, memory.asSlice(one, one))) {
        first.fill();
        second.fill();
        for (StreamWorkspace ws : List.of(first, second)) {
          assertThat(ws.mappedBytes()).isZero();
          for (StreamKernel k : StreamKernel.values()) {
            ws.use(StreamWorkspace.arrayBytes(k, max, loops.granuleBytes()));
            ws.mark(k);
            long sunk = ws.run(k, 2, 1.5);
            assertThatCode(() -> ws.check(k, 2, 1.5, sunk)).doesNotThrowAnyException();
          }
        }
        // the first workspace's kernels left the second's inputs as they were
        second.use(StreamWorkspace.arrayBytes(StreamKernel.READ, max, loops.granuleBytes()));
        long sunk = second.run(StreamKernel.READ, 1, 0);
        assertThatCode(() -> second.check(StreamKernel.READ, 1, 0, sunk))
            .doesNotThrowAnyException();
        assertThat(first.output().address()).isEqualTo(memory.address());
        assertThat(second.output().address()).isEqualTo(memory.address() + one);
      }
      // neither wrote past its share, and closing them left the lent memory mapped
      assertThat(memory.get(ValueLayout.JAVA_LONG, 2 * one)).isEqualTo(42L);
    }
    try (OffHeap small = OffHeap.map(StreamWorkspace.wholeLentBytes(max, loops), PageSize.SMALL)) {
      MemorySegment unaligned = small.segment().asSlice(64);
      assertThatThrownBy(() -> StreamWorkspace.inLent(max, loops, unaligned))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theInputArrayCLiesInBsTailPastEveryPrefixTheTriadReads() {
    StreamLoops loops = StreamLoops.best();
    long max = 3L << 20;
    long granule = loops.granuleBytes();
    long triad = StreamWorkspace.arrayBytes(StreamKernel.TRIAD, max, granule);
    long lent = StreamWorkspace.lentBytes(max, loops);
    try (OffHeap owner = OffHeap.map(lent, PageSize.SMALL);
        StreamWorkspace own = StreamWorkspace.map(max, loops).fill()) {
      owner.touch();
      try (StreamWorkspace borrowing = StreamWorkspace.map(max, loops, owner.segment()).fill()) {
        for (StreamWorkspace ws : List.of(own, borrowing)) {
          MemorySegment a = ws.output();
          MemorySegment b = ws.inputs().get(0);
          MemorySegment c = ws.inputs().get(1);
          assertThat(c.byteSize()).isGreaterThanOrEqualTo(triad);
          // within b, and past the longest prefix of b the triad reads
          assertThat(c.address()).isGreaterThanOrEqualTo(b.address() + triad);
          assertThat(c.address() + c.byteSize()).isLessThanOrEqualTo(b.address() + b.byteSize());
          // a[i], b[i] and c[i] differ in their low address bits
          assertThat(List.of(a.address() % 4096, b.address() % 4096, c.address() % 4096))
              .doesNotHaveDuplicates();
          // c holds b's pattern from its first element
          for (long i = 0; i < 16; i++) {
            assertThat(c.getAtIndex(ValueLayout.JAVA_DOUBLE, i)).isEqualTo((double) (i % 8));
          }
        }
        // two arrays' pages where c had pages of its own; a alone on lent memory
        assertThat(own.mappedBytes()).isLessThanOrEqualTo(2 * max + 3 * 4096);
        assertThat(borrowing.mappedBytes()).isLessThanOrEqualTo(max + 4096);
      }
    }
  }

  @Test
  void scalarAndVectorLoopsAgree() {
    StreamLoops vector = StreamLoops.best();
    StreamLoops scalar = new ScalarStreamLoops();
    try (OffHeap r = OffHeap.map(1 << 20, PageSize.SMALL)) {
      var seg = r.segment();
      for (long i = 0; i < 4096; i++) {
        seg.setAtIndex(ValueLayout.JAVA_DOUBLE, i, i % 5);
      }
      var a = seg.asSlice(0, 8192);
      assertThat(vector.read(a, 8192, 2)).isEqualTo(scalar.read(a, 8192, 2));
      assertThat(scalar.description()).contains("scalar");
      var b = seg.asSlice(8192, 8192);
      var c = seg.asSlice(16384, 8192);
      var out1 = seg.asSlice(65536, 8192);
      var out2 = seg.asSlice(131072, 8192);
      vector.triad(out1, a, b, 3.0, 8192, 1);
      scalar.triad(out2, a, b, 3.0, 8192, 1);
      assertThat(out1.toArray(ValueLayout.JAVA_DOUBLE))
          .containsExactly(out2.toArray(ValueLayout.JAVA_DOUBLE));
      vector.copy(out1, c, 8192, 1);
      scalar.write(out2, 8192, 1, 7.0);
      assertThat(out1.getAtIndex(ValueLayout.JAVA_DOUBLE, 3))
          .isEqualTo(c.getAtIndex(ValueLayout.JAVA_DOUBLE, 3));
      assertThat(out2.getAtIndex(ValueLayout.JAVA_DOUBLE, 1023)).isEqualTo(7.0);
    }
  }
}

package dev.anatomy.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.OffHeap;
import dev.anatomy.harness.PageSize;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PointerChaseTest {
  @Test
  void layoutVisitsEveryLineOnce() {
    for (ChaseLayout.Variant v : ChaseLayout.Variant.values()) {
      for (long lines : new long[] {2, 100, ChaseLayout.LINES_PER_GROUP, 3 * 4096 + 77}) {
        ChaseLayout layout = new ChaseLayout(lines, v, 5);
        BitSet seen = new BitSet();
        for (long p = 0; p < lines; p++) {
          long line = layout.lineAt(p);
          assertThat(seen.get((int) line)).isFalse();
          seen.set((int) line);
          assertThat(layout.positionOf(line)).isEqualTo(p);
        }
        assertThat(seen.cardinality()).isEqualTo((int) lines);
      }
    }
  }

  @Test
  void everyLinkPointsAtTheLineOfTheNextPosition() {
    long group = ChaseLayout.LINES_PER_GROUP;
    for (ChaseLayout.Variant v : ChaseLayout.Variant.values()) {
      for (long lines : new long[] {2, 100, group, 3 * group, 3 * group + 77, 5 * group - 1}) {
        ChaseLayout layout = new ChaseLayout(lines, v, 13);
        long[] next = new long[(int) lines];
        java.util.Arrays.fill(next, -1);
        // ranges that start and end inside groups, and one past the grouped lines into the tail
        long[] cuts = {0, 1, group / 2, group + 3, 2 * group, lines - 1, lines};
        long from = 0;
        for (long cut : cuts) {
          long to = Math.min(lines, Math.max(from, cut));
          layout.forEachLink(
              from,
              to,
              (line, successor) -> {
                assertThat(next[(int) line]).isEqualTo(-1);
                next[(int) line] = successor;
              });
          from = to;
        }
        for (long line = 0; line < lines; line++) {
          long position = layout.positionOf(line);
          long expected = layout.lineAt(position + 1 == lines ? 0 : position + 1);
          assertThat(next[(int) line])
              .as("%s, %d lines, line %d", v, lines, line)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void tlbGroupedStaysInsideABlockOf64PagesBeforeMovingOn() {
    long lines = 8L * ChaseLayout.LINES_PER_GROUP;
    ChaseLayout layout = new ChaseLayout(lines, ChaseLayout.Variant.TLB_GROUPED, 9);
    for (long block = 0; block < 8; block++) {
      long first = layout.lineAt(block * ChaseLayout.LINES_PER_GROUP) / ChaseLayout.LINES_PER_GROUP;
      for (long i = 0; i < ChaseLayout.LINES_PER_GROUP; i++) {
        long group =
            layout.lineAt(block * ChaseLayout.LINES_PER_GROUP + i) / ChaseLayout.LINES_PER_GROUP;
        assertThat(group).isEqualTo(first);
      }
    }
  }

  @Test
  void randomLayoutJumpsAcrossTheWholeSet() {
    long lines = 8L * ChaseLayout.LINES_PER_GROUP;
    ChaseLayout layout = new ChaseLayout(lines, ChaseLayout.Variant.RANDOM, 9);
    long changes = 0;
    for (long p = 1; p < 1000; p++) {
      if (layout.lineAt(p) / ChaseLayout.LINES_PER_GROUP
          != layout.lineAt(p - 1) / ChaseLayout.LINES_PER_GROUP) {
        changes++;
      }
    }
    assertThat(changes).isGreaterThan(700);
  }

  @Test
  void aChaseEndsWhereTheChainSays() {
    try (OffHeap r = OffHeap.map(1 << 20, PageSize.SMALL)) {
      r.touch();
      PointerChase chase =
          PointerChase.build(r.segment(), new ChaseLayout(1 << 14, ChaseLayout.Variant.RANDOM, 3));
      long end = PointerChase.chase(chase.start(), 80_000);
      chase.check(0, 80_000, end);
      long[] p = {chase.address(0), chase.address(100), chase.address(200), chase.address(300)};
      PointerChase.chase4(p, 1000);
      chase.check(300, 1000, p[3]);
      long[] q = new long[8];
      for (int j = 0; j < 8; j++) {
        q[j] = chase.address(j * 10L);
      }
      PointerChase.chase8(q, 17);
      chase.check(70, 17, q[7]);
      long[] two = {chase.address(5), chase.address(6)};
      PointerChase.chase2(two, 8);
      chase.check(5, 8, two[0]);
    }
  }

  @Test
  void aBrokenChainFailsItsCheck() {
    try (OffHeap r = OffHeap.map(1 << 20, PageSize.SMALL)) {
      r.touch();
      PointerChase chase =
          PointerChase.build(
              r.segment(), new ChaseLayout(1 << 12, ChaseLayout.Variant.TLB_GROUPED, 3));
      // Short-circuit the chain: the line at position 10 now points back to position 0.
      long line10 = chase.address(10) - r.segment().address();
      r.segment().set(ValueLayout.JAVA_LONG, line10, chase.address(0));
      long end = PointerChase.chase(chase.start(), 4096);
      assertThatThrownBy(() -> chase.check(0, 4096, end)).isInstanceOf(KernelCheckException.class);
    }
  }

  @Test
  void parallelBuildOfRangesMakesTheSameChain() {
    try (OffHeap a = OffHeap.map(1 << 20, PageSize.SMALL);
        OffHeap b = OffHeap.map(1 << 20, PageSize.SMALL)) {
      ChaseLayout layout = new ChaseLayout(10_000, ChaseLayout.Variant.TLB_GROUPED, 11);
      PointerChase.build(a.segment(), layout);
      PointerChase.build(b.segment(), layout, 0, 3000);
      PointerChase.build(b.segment(), layout, 3000, 10_000);
      for (long line = 0; line < 10_000; line++) {
        long off = line * ChaseLayout.LINE_BYTES;
        assertThat(a.segment().get(ValueLayout.JAVA_LONG, off) - a.segment().address())
            .isEqualTo(b.segment().get(ValueLayout.JAVA_LONG, off) - b.segment().address());
      }
    }
  }
}

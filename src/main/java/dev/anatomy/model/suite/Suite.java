package dev.anatomy.model.suite;

import java.util.List;

/** The validation suite's kernels, in the order they run and print (likwid's kernel list). */
public final class Suite {
  private Suite() {}

  /**
   * Every kernel.
   *
   * @return sum, dot, triad, stencil2d, matmul-naive, matmul-blocked, gather, linked-list,
   *     hash-lookup
   */
  public static List<SuiteKernel> kernels() {
    return List.of(
        new Streams.Sum(),
        new Streams.Dot(),
        new Streams.Triad(),
        new Stencil(),
        new Matmul(false),
        new Matmul(true),
        new RandomAccess.Gather(),
        new RandomAccess.LinkedList(),
        new RandomAccess.HashLookup());
  }

  /**
   * A kernel by name.
   *
   * @param name a name from {@link #kernels()}
   * @return the kernel
   */
  public static SuiteKernel byName(String name) {
    return kernels().stream()
        .filter(k -> k.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown kernel '" + name + "'"));
  }
}

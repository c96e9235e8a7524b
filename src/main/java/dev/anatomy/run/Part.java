package dev.anatomy.run;

import dev.anatomy.result.PartResult;

/**
 * One part of the machine that anatomy measures: computing units, memory units, storage, or the
 * connections. Each part runs in its own forked JVM (see {@link Forker}) with the flags its kernels
 * need, and returns its section of the document.
 */
public interface Part {
  /**
   * The part's name, also its section key in the document.
   *
   * @return "compute", "memory", "storage" or "links"
   */
  String name();

  /**
   * Checks, before anything is measured, that the options this part uses can work: a disk folder
   * exists and is writable, a peer answers, a size fits in memory. Runs in the parent JVM, so a bad
   * input fails at once in one line.
   *
   * @param options the options
   * @throws UsageException naming what is wrong and what is allowed
   */
  default void validate(MeasureOptions options) {}

  /**
   * Measures the part.
   *
   * @param context options, inventory, progress and noise guard
   * @return the part's figures and what could not be measured
   */
  PartResult measure(MeasureContext context);
}

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
   * Measures the part.
   *
   * @param context options, inventory, progress and noise guard
   * @return the part's figures and what could not be measured
   */
  PartResult measure(MeasureContext context);
}

package dev.anatomy.run;

import dev.anatomy.harness.Sampler;

/** How long a card may take: {@code --quick}, the default, or {@code --deep}. */
public enum Effort {
  /** A fast card: fewer sizes, fewer samples. */
  QUICK,
  /** The default card. */
  STANDARD,
  /** More sizes and repetitions. */
  DEEP;

  /**
   * The sampling plan for this effort.
   *
   * @return warm-up and sample counts
   */
  public Sampler.Plan plan() {
    return switch (this) {
      case QUICK -> Sampler.Plan.QUICK;
      case STANDARD -> Sampler.Plan.STANDARD;
      case DEEP -> Sampler.Plan.DEEP;
    };
  }

  /**
   * Picks a value by effort.
   *
   * @param quick value for QUICK
   * @param standard value for STANDARD
   * @param deep value for DEEP
   * @return the value for this effort
   */
  public int pick(int quick, int standard, int deep) {
    return switch (this) {
      case QUICK -> quick;
      case STANDARD -> standard;
      case DEEP -> deep;
    };
  }

  /**
   * Picks a value by effort.
   *
   * @param quick value for QUICK
   * @param standard value for STANDARD
   * @param deep value for DEEP
   * @return the value for this effort
   */
  public double pick(double quick, double standard, double deep) {
    return switch (this) {
      case QUICK -> quick;
      case STANDARD -> standard;
      case DEEP -> deep;
    };
  }
}

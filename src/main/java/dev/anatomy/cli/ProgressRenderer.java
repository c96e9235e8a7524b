package dev.anatomy.cli;

import dev.anatomy.harness.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws progress on stderr. On a terminal: one line redrawn in place with the step's name, a bar
 * and the time left. Elsewhere (a pipe, a CI log): one line when a step starts and one when it
 * ends, so logs stay short.
 */
public final class ProgressRenderer implements Progress {
  private static final int BAR = 24;

  private final PrintStream err;
  private final boolean terminal;
  private String current;
  private String lastFinished;
  private long startNs;
  private boolean drawn;

  /**
   * Creates the renderer.
   *
   * @param err where to draw
   * @param terminal whether err is a terminal
   */
  public ProgressRenderer(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void report(String step, double fraction, double secondsLeft) {
    if (current == null && fraction >= 1 && step.equals(lastFinished)) {
      return;
    }
    if (!step.equals(current)) {
      finishLine();
      current = step;
      startNs = System.nanoTime();
      if (!terminal) {
        err.println(step + " ...");
      }
    }
    if (terminal) {
      int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
      String left =
          Double.isNaN(secondsLeft) || fraction >= 1
              ? ""
              : String.format(Locale.ROOT, "  ~%.0f s left", Math.ceil(secondsLeft));
      err.print(
          String.format(
              Locale.ROOT,
              "\r\033[K%-28s [%s%s] %3.0f%%%s",
              step,
              "#".repeat(filled),
              ".".repeat(BAR - filled),
              fraction * 100,
              left));
      err.flush();
      drawn = true;
    }
    if (fraction >= 1) {
      finishLine();
      current = null;
    }
  }

  /** Ends the current line, if one is drawn, reporting the step done. */
  public synchronized void finishLine() {
    endLine("done");
  }

  /** Ends the current line, if one is drawn, reporting the step interrupted. */
  public synchronized void abandon() {
    endLine("interrupted");
  }

  private void endLine(String how) {
    if (current == null) {
      return;
    }
    double seconds = (System.nanoTime() - startNs) / 1e9;
    if (terminal && drawn) {
      err.print("\r\033[K");
    }
    err.println(String.format(Locale.ROOT, "%s %s after %.1f s", current, how, seconds));
    err.flush();
    drawn = false;
    lastFinished = current;
    current = null;
  }
}

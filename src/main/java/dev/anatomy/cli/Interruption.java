package dev.anatomy.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C during a long command: the shutdown hook raises a flag, then waits (a bounded time) for
 * the command to save what it has, so results are kept whole or dropped, never half-written.
 *
 * <pre>{@code
 * try (Interruption stop = Interruption.install()) {
 *   while (!stop.requested()) { measureNextPart(); }
 *   saveResults();   // the hook waits for this
 * }
 * }</pre>
 */
public final class Interruption implements AutoCloseable {
  private static final long GRACE_SECONDS = 20;

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private Interruption() {
    hook =
        new Thread(
            () -> {
              requested.set(true);
              try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "anatomy-interrupt");
  }

  /**
   * Installs the hook.
   *
   * @return the interruption; close it when the results are saved
   */
  public static Interruption install() {
    Interruption i = new Interruption();
    Runtime.getRuntime().addShutdownHook(i.hook);
    return i;
  }

  /**
   * Whether the user asked to stop.
   *
   * @return true after Ctrl-C or SIGTERM
   */
  public boolean requested() {
    return requested.get();
  }

  /** Marks the results saved; a pending shutdown may now proceed. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already: the hook is running and has just been released
    }
  }
}

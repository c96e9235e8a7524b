package dev.anatomy.link;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a deadline on every blocking read and write of a {@link TimedChannel}: one thread looks at
 * each registered channel every few milliseconds and closes any whose current operation has run
 * past its deadline, which wakes the blocked thread with an exception. The operations themselves
 * stay plain blocking system calls, with nothing added on the measured path but a clock reading.
 */
final class Watchdog implements AutoCloseable {
  private static final long TICK_MS = 20;

  private final Set<TimedChannel> channels = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  Watchdog(String name) {
    thread = Thread.ofPlatform().daemon(true).name(name).start(this::loop);
  }

  void register(TimedChannel c) {
    channels.add(c);
  }

  void unregister(TimedChannel c) {
    channels.remove(c);
  }

  private void loop() {
    while (running) {
      long now = System.nanoTime();
      for (TimedChannel c : channels) {
        c.expireIfLate(now);
      }
      try {
        Thread.sleep(TICK_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}

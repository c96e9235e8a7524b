package dev.anatomy.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ForkMainParentWatchTest {
  @Test
  void endsOnlyWhenStdinEnds() throws IOException, InterruptedException {
    PipedWriter parent = new PipedWriter();
    BufferedReader stdin = new BufferedReader(new PipedReader(parent));
    CountDownLatch ended = new CountDownLatch(1);
    Thread watch = ForkMain.watchParent(stdin, () -> false, ended::countDown);

    parent.write("a stray line\n");
    parent.flush();
    assertThat(ended.await(200, TimeUnit.MILLISECONDS)).as("still open").isFalse();
    parent.close();
    assertThat(ended.await(10, TimeUnit.SECONDS)).as("ended with stdin").isTrue();
    watch.join(10_000);
    assertThat(watch.isDaemon()).isTrue();
  }

  @Test
  void stdinEndingAfterTheLastResultIsTheParentsGoodbyeNotItsDeath()
      throws IOException, InterruptedException {
    PipedWriter parent = new PipedWriter();
    BufferedReader stdin = new BufferedReader(new PipedReader(parent));
    AtomicBoolean lastResultWritten = new AtomicBoolean();
    CountDownLatch gone = new CountDownLatch(1);
    Thread watch = ForkMain.watchParent(stdin, lastResultWritten::get, gone::countDown);

    lastResultWritten.set(true);
    parent.close();
    watch.join(10_000);
    assertThat(watch.isAlive()).as("the watch ended with stdin").isFalse();
    assertThat(gone.getCount()).as("not taken for the parent's death").isEqualTo(1);
  }

  @Test
  void aSignalDeathIsNamedAndAnOrdinaryFailureQuotesTheChild() {
    java.util.Deque<String> lines = new java.util.ArrayDeque<>(java.util.List.of("boom"));
    assertThat(Forker.whyEnded(137, lines)).contains("killed by signal 9", "out-of-memory");
    assertThat(Forker.whyEnded(134, lines)).contains("signal 6").doesNotContain("out-of-memory");
    assertThat(Forker.whyEnded(1, lines)).isEqualTo("boom");
    assertThat(Forker.whyEnded(1, new java.util.ArrayDeque<>())).isEqualTo("exit status 1");
  }
}

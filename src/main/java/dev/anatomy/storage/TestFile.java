package dev.anatomy.storage;

import dev.anatomy.run.Scratch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The disk test file, in a fresh folder of its own, removed whatever happens: on {@link #close()},
 * and by a shutdown hook if the JVM is stopped (Ctrl-C reaches the measuring JVM too) before that.
 * Nothing but the folder and file this class created is ever deleted.
 */
public final class TestFile implements AutoCloseable {
  private final Path folder;
  private final Path file;
  private final AtomicBoolean removed = new AtomicBoolean();
  private final Thread hook;

  private TestFile(Path folder, Path file) {
    this.folder = folder;
    this.file = file;
    this.hook = Thread.ofPlatform().unstarted(this::remove);
  }

  /**
   * Creates an empty test file in a fresh folder under {@code parent}.
   *
   * @param parent the folder the user named, or the current directory
   * @return the test file; close it to remove it
   * @throws IOException if the folder or file cannot be created
   */
  public static TestFile create(Path parent) throws IOException {
    Path folder = Files.createTempDirectory(parent, "anatomy-disk-");
    TestFile t = new TestFile(folder, folder.resolve("anatomy-disk-test.bin"));
    // announced before the file exists: if this JVM is killed past its hooks from here on, even
    // before the next line, the parent removes the file and the folder
    Scratch.created(t.file);
    Runtime.getRuntime().addShutdownHook(t.hook);
    try {
      Files.createFile(t.file);
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /**
   * The file.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }

  /**
   * The folder created for it.
   *
   * @return its path
   */
  public Path folder() {
    return folder;
  }

  /** Removes the file and its folder; safe to call more than once. */
  void remove() {
    if (!removed.compareAndSet(false, true)) {
      return;
    }
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // nothing more can be done from a shutdown hook; the folder's name says what it is
    }
  }

  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook has run or will run remove(), which is idempotent
    }
  }
}

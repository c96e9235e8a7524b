package dev.anatomy.storage;

import dev.anatomy.harness.NativeCallException;
import dev.anatomy.harness.PageCache;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * An open file for the disk passes: with {@code O_DIRECT} where the filesystem accepts it, so the
 * page cache cannot serve a read or absorb a write, else buffered, with the file's pages dropped
 * from the cache before each read pass ({@link #dropCache()}).
 *
 * <p>Direct I/O needs the buffer's address, its length and the file position to be multiples of the
 * filesystem's block size ({@code fstatvfs f_bsize}, which {@code FileStore.getBlockSize()}
 * returns): {@link #buffer(int)} hands out buffers aligned to it.
 */
public final class DiskFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final boolean direct;
  private final boolean writable;
  private final int alignment;
  private final String whyBuffered;
  private final Arena arena = Arena.ofShared();

  /**
   * {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}, looked up at run time: javac's warning
   * about that class (exported by jdk.unsupported) is mandatory, so no annotation can silence it
   * under {@code -Werror}.
   */
  private static final Optional<OpenOption> DIRECT = directOption();

  private DiskFile(
      Path path,
      FileChannel channel,
      boolean direct,
      boolean writable,
      int alignment,
      String whyBuffered) {
    this.path = path;
    this.channel = channel;
    this.direct = direct;
    this.writable = writable;
    this.alignment = alignment;
    this.whyBuffered = whyBuffered;
  }

  /**
   * Opens an existing file for reading and writing; the caller created it.
   *
   * @param path the test file
   * @param tryDirect false forces buffered I/O (for tests of the fallback)
   * @return the open file
   * @throws IOException if even buffered I/O cannot open it
   */
  public static DiskFile openForWriting(Path path, boolean tryDirect) throws IOException {
    return open(path, true, tryDirect);
  }

  /**
   * Opens a user's file or device for reading only: nothing this class does can write to it.
   *
   * @param path the file or device
   * @param tryDirect false forces buffered I/O
   * @return the open file
   * @throws IOException if it cannot be opened
   */
  public static DiskFile openReadOnly(Path path, boolean tryDirect) throws IOException {
    return open(path, false, tryDirect);
  }

  private static DiskFile open(Path path, boolean writable, boolean tryDirect) throws IOException {
    Set<OpenOption> options = new HashSet<>();
    options.add(StandardOpenOption.READ);
    if (writable) {
      options.add(StandardOpenOption.WRITE);
    }
    int alignment = alignmentOf(path);
    String why = "direct I/O not tried";
    if (tryDirect && DIRECT.isEmpty()) {
      why = "this JDK has no com.sun.nio.file.ExtendedOpenOption.DIRECT";
    } else if (tryDirect) {
      Set<OpenOption> directOptions = new HashSet<>(options);
      directOptions.add(DIRECT.get());
      try {
        FileChannel ch = FileChannel.open(path, directOptions);
        return new DiskFile(path, ch, true, writable, alignment, "");
      } catch (IOException | UnsupportedOperationException e) {
        why = "the filesystem refused O_DIRECT (" + e.getMessage() + ")";
      }
    }
    FileChannel ch = FileChannel.open(path, options);
    return new DiskFile(path, ch, false, writable, alignment, why);
  }

  private static Optional<OpenOption> directOption() {
    try {
      Class<?> c = Class.forName("com.sun.nio.file.ExtendedOpenOption");
      for (Object constant : c.getEnumConstants()) {
        if (constant instanceof OpenOption o && "DIRECT".equals(((Enum<?>) constant).name())) {
          return Optional.of(o);
        }
      }
    } catch (ClassNotFoundException | RuntimeException e) {
      // a JDK without jdk.unsupported: buffered I/O, labelled so
    }
    return Optional.empty();
  }

  /**
   * The filesystem's block size: the alignment direct I/O needs, at least 512 bytes.
   *
   * @param path a file on the filesystem
   * @return bytes
   * @throws IOException if the filesystem cannot be asked
   */
  static int alignmentOf(Path path) throws IOException {
    long bs = Files.getFileStore(path).getBlockSize();
    if (bs < 512 || bs > (1 << 20) || Long.bitCount(bs) != 1) {
      return 4096;
    }
    return (int) bs;
  }

  /**
   * A buffer of {@code bytes} whose address is aligned for direct I/O, valid until {@link
   * #close()}.
   *
   * @param bytes a multiple of {@link #alignment()}
   * @return a zeroed, aligned, native buffer
   */
  public ByteBuffer buffer(int bytes) {
    if (bytes % alignment != 0) {
      throw new IllegalArgumentException(
          "buffer length " + bytes + " is not a multiple of the alignment " + alignment);
    }
    return arena.allocate(bytes, alignment).asByteBuffer();
  }

  /**
   * Drops the file's clean pages from the page cache, so buffered reads go to the device. Does
   * nothing under direct I/O.
   */
  public void dropCache() {
    if (direct) {
      return;
    }
    try {
      if (writable) {
        channel.force(false);
      }
      PageCache.drop(path);
    } catch (IOException | NativeCallException e) {
      // a failed drop leaves buffered figures cache-assisted; they are labelled buffered anyway
    }
  }

  /**
   * Reads until the buffer is full.
   *
   * @param buf the buffer, position 0
   * @param position file offset
   * @throws IOException on a read error or end of file
   */
  public void readFully(ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new IOException("end of file at " + pos + " of " + path);
      }
      pos += n;
    }
  }

  /**
   * Writes the whole buffer.
   *
   * @param buf the buffer
   * @param position file offset
   * @throws IOException on a write error
   */
  public void writeFully(ByteBuffer buf, long position) throws IOException {
    if (!writable) {
      throw new IllegalStateException(path + " is open read-only");
    }
    long pos = position;
    while (buf.hasRemaining()) {
      pos += channel.write(buf, pos);
    }
  }

  /**
   * Flushes the file's data to the device ({@code fdatasync}).
   *
   * @throws IOException on failure
   */
  public void sync() throws IOException {
    channel.force(false);
  }

  /**
   * The file's size. For a block device, whose size {@code fstat} may not report, the size in
   * {@code /sys/class/block/NAME/size}.
   *
   * @return bytes
   * @throws IOException if the size cannot be found
   */
  public long size() throws IOException {
    long size = channel.size();
    if (size > 0) {
      return size;
    }
    Path sectors = Path.of("/sys/class/block", path.toRealPath().getFileName().toString(), "size");
    if (Files.isReadable(sectors)) {
      return Long.parseLong(Files.readString(sectors).trim()) * 512;
    }
    return size;
  }

  /**
   * Whether the figures bypass the page cache.
   *
   * @return true under {@code O_DIRECT}
   */
  public boolean direct() {
    return direct;
  }

  /**
   * Why I/O is buffered.
   *
   * @return the reason, "" under direct I/O
   */
  public String whyBuffered() {
    return whyBuffered;
  }

  /**
   * The alignment of buffers, lengths and positions.
   *
   * @return bytes
   */
  public int alignment() {
    return alignment;
  }

  /**
   * The file.
   *
   * @return its path
   */
  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      arena.close();
    }
  }
}

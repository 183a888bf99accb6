package dev.tripcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small real file system for full-disk tests: a {@code tmpfs} of a given size mounted on a
 * folder (Linux, root with {@code CAP_SYS_ADMIN}, as in CI's container), and a filler file that
 * takes all but a few bytes of it. Where the mount is not allowed {@link #mount} says why, so the
 * test can skip with that reason.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path root;

  private SmallDisk(Path root) {
    this.root = root;
  }

  /**
   * Mounts a {@code tmpfs} of {@code megabytes} MiB on {@code dir} (created if absent).
   *
   * @return the disk, or empty with {@code whyNot[0]} set to the mount command's answer
   */
  public static Optional<SmallDisk> mount(Path dir, int megabytes, String[] whyNot) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Processes.Result r;
    try {
      r = Processes.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()),
          Map.of(), dir, Duration.ofSeconds(30));
    } catch (UncheckedIOException e) {
      whyNot[0] = "cannot run mount here: " + e.getCause();
      return Optional.empty();
    }
    if (r.exitCode() != 0) {
      whyNot[0] = "cannot mount a tmpfs here (mount exited " + r.exitCode() + ": " + (r.stdout() + r.stderr()).strip()
          + ")";
      return Optional.empty();
    }
    return Optional.of(new SmallDisk(dir));
  }

  /** The mount point. */
  public Path root() {
    return root;
  }

  /** Bytes free on the disk. */
  public long free() {
    try {
      return Files.getFileStore(root).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code filler} (real bytes, not a sparse file) until only about {@code leaveBytes} are free. */
  public void fill(Path filler, long leaveBytes) {
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      long toWrite = free() - leaveBytes;
      while (toWrite > 0) {
        chunk.clear().limit((int) Math.min(chunk.capacity(), toWrite));
        toWrite -= out.write(chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unmounts the disk (its contents go with it). */
  @Override
  public void close() {
    Processes.run(List.of("umount", "-l", root.toString()), Map.of(), root.getParent(), Duration.ofSeconds(30));
  }
}

package dev.tripcast.testing;

import dev.tripcast.config.S3HadoopConf;
import dev.tripcast.config.Settings;
import dev.tripcast.tables.LogStorePolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A bucket on an {@link S3ProxyServer}, reachable from the shared test session.
 *
 * <p>The shared {@link TestSpark} session exists before any S3 test runs, so its
 * {@code spark.hadoop.*} settings can no longer change. Instead the s3a settings that
 * {@link S3HadoopConf} makes for production are put on the session's Hadoop configuration in
 * s3a's per-bucket form ({@code fs.s3a.bucket.<bucket>.<key>}): they apply to this bucket only,
 * so no other test sees them. The test identity goes in the same way, read by
 * {@code SimpleAWSCredentialsProvider} (one of the shipped providers).
 */
public final class S3TestBucket {
  private final String name;
  private final S3ProxyServer server;
  private final Configuration hadoopConf;

  private S3TestBucket(String name, S3ProxyServer server, Configuration hadoopConf) {
    this.name = name;
    this.server = server;
    this.hadoopConf = hadoopConf;
  }

  /**
   * Creates the bucket on the server ({@link S3ProxyServer#createBucket}) and binds it to {@code hadoopConf}.
   *
   * @param name a bucket name not used before in this JVM (s3a caches file systems per bucket)
   * @param s3 the S3 settings to apply; its endpoint is replaced by the server's, path style on
   * @param hadoopConf the shared session's {@code sparkContext().hadoopConfiguration()}
   * @return the bucket
   */
  public static S3TestBucket create(String name, S3ProxyServer server, Settings.S3 s3, Configuration hadoopConf) {
    server.createBucket(name);
    String prefix = "fs.s3a.bucket." + name + ".";
    for (Map.Entry<String, String> e : S3HadoopConf.properties(forServer(s3, server)).entrySet()) {
      hadoopConf.set(prefix + e.getKey().substring("fs.s3a.".length()), e.getValue());
    }
    hadoopConf.set(prefix + "access.key", S3ProxyServer.ACCESS_KEY);
    hadoopConf.set(prefix + "secret.key", S3ProxyServer.SECRET_KEY);
    return new S3TestBucket(name, server, hadoopConf);
  }

  /**
   * Puts the committer settings that production applies to S3 runs
   * ({@link S3HadoopConf#committerProperties}) on {@code hadoopConf}. They are not per-bucket
   * settings, so the caller must restore the returned previous values when done.
   *
   * @return each key's previous value (null if unset), for {@link #restore}
   */
  public static Map<String, String> applyCommitterProperties(Settings.S3 s3, Configuration hadoopConf) {
    Map<String, String> previous = new java.util.HashMap<>();
    S3HadoopConf.committerProperties(s3).forEach((k, v) -> {
      previous.put(k, hadoopConf.get(k));
      hadoopConf.set(k, v);
    });
    return previous;
  }

  /** Restores values saved by {@link #applyCommitterProperties}. */
  public static void restore(Map<String, String> previous, Configuration hadoopConf) {
    previous.forEach((k, v) -> {
      if (v == null) {
        hadoopConf.unset(k);
      } else {
        hadoopConf.set(k, v);
      }
    });
  }

  /** {@code s3} pointed at the server: its endpoint, path-style access (the server is an IP address). */
  public static Settings.S3 forServer(Settings.S3 s3, S3ProxyServer server) {
    return new Settings.S3(java.util.Optional.of(server.endpoint()), true, s3.region(), s3.credentialsProviders(),
        s3.connection(), s3.io(), s3.singleDriverLogStore());
  }

  /**
   * {@code settings} reading and writing {@code paths} (s3a URIs of this bucket, or local paths)
   * with the S3 settings pointed at this bucket's server and {@code policy} for Delta's
   * single-driver log store.
   */
  public Settings settings(Settings settings, Settings.Paths paths, LogStorePolicy policy) {
    Settings.S3 s3 = forServer(settings.s3(), server);
    return settings.withPaths(paths).withS3(new Settings.S3(s3.endpoint(), s3.pathStyleAccess(), s3.region(),
        s3.credentialsProviders(), s3.connection(), s3.io(), policy));
  }

  /** {@code s3a://<bucket>/<key>}. */
  public String uri(String key) {
    return "s3a://" + name + "/" + key;
  }

  /** The bucket's s3a file system (cached by Hadoop, shared with Spark's tasks). */
  public FileSystem fileSystem() {
    try {
      return new org.apache.hadoop.fs.Path(uri("")).getFileSystem(hadoopConf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Uploads a local file through the S3 API (an s3a PUT), so the object has an ETag as s3a requires.
   * ({@code copyFromLocalFile} of hadoop-aws 3.3.4 fails on a single file: "Cannot get relative path".)
   */
  public void upload(Path local, String key) {
    try (OutputStream out = fileSystem().create(new org.apache.hadoop.fs.Path(uri(key)), false)) {
      Files.copy(local, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + local + " to " + uri(key), e);
    }
  }

  /** The server holding the bucket. */
  public S3ProxyServer server() {
    return server;
  }
}

package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileLocatorTest {
  /** A name that is certainly not in the working directory. */
  private static final String NAME = "tripcast-locator-test-4f1c.conf";

  @TempDir Path dir;
  private Path shipped;

  @BeforeEach
  void writeShippedFile() throws IOException {
    shipped = Files.writeString(dir.resolve(NAME), "tripcast {}\n");
  }

  @Test
  void anExistingFileIsUsedAsGiven() {
    File given = shipped.toFile();
    assertEquals(given, ConfigFileLocator.resolve(given, "file:/elsewhere/" + NAME));
  }

  @Test
  void aBareNameMissingHereIsFoundAmongTheShippedFileUris() {
    String sparkFiles = "s3a://bucket/" + NAME + ",file:" + dir.resolve("other.conf") + ",file:" + shipped;
    assertEquals(shipped.toFile(), ConfigFileLocator.resolve(new File(NAME), sparkFiles));
  }

  @Test
  void shippedEntriesMayBePlainPaths() {
    assertEquals(shipped.toFile(), ConfigFileLocator.resolve(new File(NAME), " " + shipped + " "));
  }

  @Test
  void remoteAndUnreadableEntriesAreSkippedAndTheNameIsKept() {
    File given = new File(NAME);
    assertEquals(given, ConfigFileLocator.resolve(given, "s3a://bucket/" + NAME + ",hdfs:///conf/" + NAME
        + ",file:/no/such/dir/" + NAME + ",::not a uri::"));
  }

  @Test
  void aPathWithAFolderIsNeverLookedUpElsewhere() {
    File given = new File("conf/" + NAME);
    assertEquals(given, ConfigFileLocator.resolve(given, "file:" + shipped));
  }

  @Test
  void withoutShippedFilesTheNameIsKept() {
    File given = new File(NAME);
    assertEquals(given, ConfigFileLocator.resolve(given, null));
  }
}

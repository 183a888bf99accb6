package dev.tripcast.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RunMetadata}: the JSON of a commit's {@code userMetadata}, written and read back. */
class RunMetadataTest {
  @Test
  void runMetadataIsJsonThatReadsBack() {
    assertEquals("{\"run_id\":\"score-1\",\"job\":\"score\",\"model_version\":null}",
        RunMetadata.json("score-1", "score", null));
    assertEquals("{\"run_id\":\"train-1\",\"job\":\"train\",\"model_version\":\"v2\"}",
        RunMetadata.json("train-1", "train", "v2"));
    assertEquals(Optional.of(new RunMetadata("a\"b", "score", "v1")),
        RunMetadata.parse(RunMetadata.json("a\"b", "score", "v1")));
    assertEquals(Optional.empty(), RunMetadata.parse("not json"));
  }
}

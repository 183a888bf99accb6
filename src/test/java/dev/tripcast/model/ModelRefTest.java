package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.errors.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ModelRef#parse}: one parser for every place a model is named. */
class ModelRefTest {
  @Test
  void parsesLatestAndVersions() {
    assertEquals(ModelRef.latest(), ModelRef.parse("--model", "latest"));
    assertEquals(new ModelRef.Version(3), ModelRef.parse("--model", "v3"));
    assertEquals("v12", ModelRef.parse("--model", "v12").toString());
  }

  @Test
  void refusesAnythingElseNamingTheOption() {
    for (String bad : List.of("v0", "v01", "3", "V3", "latest ", "", "champion!")) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelRef.parse("--model", bad), bad);
      assertEquals("invalid value '" + bad + "' for --model: expected a model version v1, v2, ..., latest or an alias [champion, challenger]",
          e.getMessage());
    }
  }
}

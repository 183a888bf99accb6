package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.errors.InvalidArgumentException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ModelUri}: the short forms and MLflow's model URIs, with the configured model's name checked. */
class ModelUriTest {
  private static final String NAME = "trip-duration";
  private static final String URI_FORMS = "expected models:/NAME@ALIAS (ALIAS one of [champion, challenger]),"
      + " models:/NAME/N (N = 1, 2, ...) or models:/NAME/latest";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "champion                         | ''            | champion",
      "v2                               | ''            | v2",
      "latest                           | ''            | latest",
      "models:/trip-duration@champion   | trip-duration | champion",
      "models:/trip-duration@challenger | trip-duration | challenger",
      "models:/trip-duration/2          | trip-duration | v2",
      "models:/trip-duration/12         | trip-duration | v12",
      "models:/trip-duration/latest     | trip-duration | latest",
      "models:/fare.v2_b@champion       | fare.v2_b     | champion"})
  void parsesAShortFormOrAModelUri(String text, String modelName, String ref) {
    ModelUri uri = ModelUri.parse("--model", text);

    assertEquals(Optional.of(modelName).filter(n -> !n.isEmpty()), uri.modelName());
    assertEquals(ref, uri.ref().toString());
    assertEquals(text, uri.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"models:/trip-duration@prod", "models:/trip-duration@Champion", "models:/trip-duration/0",
      "models:/trip-duration/02", "models:/trip-duration/v2", "models:/trip-duration", "models:/trip-duration/",
      "models:/trip-duration@", "models:/", "models:/@champion", "models:/a/b/2", "models:/trip-duration/2/",
      "models:/trip duration/2", "models:/trip-duration@champion/2"})
  void refusesAMalformedUriWithTheUriForms(String text) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ModelUri.parse("--model", text));

    assertEquals("invalid value '" + text + "' for --model: " + URI_FORMS, e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"models:/fare@champion", "models:/fare/2", "models:/Trip-Duration/latest"})
  void refusesAUriOfAnotherModelNamingBoth(String text) {
    ModelUri uri = ModelUri.parse("--model", text);

    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> uri.ref("--model", NAME));

    assertEquals("invalid value '" + text + "' for --model: expected a model URI of model 'trip-duration'"
        + " (tripcast.model.name), not of '" + uri.modelName().orElseThrow() + "'", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"models:/trip-duration/2 | v2", "models:/trip-duration@challenger | challenger",
      "v3 | v3"})
  void aUriOfTheConfiguredModelOrAShortFormSelectsItsReference(String text, String ref) {
    assertEquals(ref, ModelUri.parse("--model", text).ref("--model", NAME).toString());
  }

  @Test
  void formatsTheUriOfAVersionAnAliasAndLatest() {
    assertEquals("models:/trip-duration/2", ModelUri.format(NAME, new ModelRef.Version(2)));
    assertEquals("models:/trip-duration@champion", ModelUri.format(NAME, ModelRef.champion()));
    assertEquals("models:/trip-duration/latest", ModelUri.format(NAME, ModelRef.latest()));
  }
}

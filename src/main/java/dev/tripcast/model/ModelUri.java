package dev.tripcast.model;

import dev.tripcast.errors.InvalidArgumentException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model reference as a user writes it: a short form ({@code champion}, {@code challenger},
 * {@code vN}, {@code latest}: {@link ModelRef#parse}) or one of MLflow's model URIs, which also
 * name the registered model:
 * <ul>
 *   <li>{@code models:/<name>@<alias>}, e.g. {@code models:/trip-duration@champion};
 *   <li>{@code models:/<name>/<version number>}, e.g. {@code models:/trip-duration/2} (= {@code v2});
 *   <li>{@code models:/<name>/latest}, the highest complete version.
 * </ul>
 * Parsed without the settings (command-line arguments are converted before the configuration is
 * read); {@link #ref} then checks the name against {@code tripcast.model.name}.
 *
 * @param modelName the registered model a URI names; empty for a short form
 * @param ref the version, alias or {@code latest} it selects
 */
public record ModelUri(Optional<String> modelName, ModelRef ref) {
  /** The scheme and separator every model URI starts with. */
  public static final String PREFIX = "models:/";
  /** What a model URI looks like, for error messages. */
  public static final String FORMS = "models:/NAME@ALIAS (ALIAS one of " + ModelRef.ALIASES + "), models:/NAME/N (N = 1, 2, ...)"
      + " or models:/NAME/" + ModelRef.LATEST;
  /** {@code models:/<name>@<alias>} or {@code models:/<name>/<version number or latest>}; a name has no '/' or '@'. */
  private static final Pattern URI = Pattern.compile(Pattern.quote(PREFIX) + "([^/@\\s]+)(?:@([a-z]+)|/([1-9][0-9]{0,8}|"
      + ModelRef.LATEST + "))");

  /**
   * Parses a short form or a model URI.
   *
   * @param option what the text came from, named in the error (e.g. "--model")
   * @throws dev.tripcast.errors.InvalidInputException if the text is neither; for text starting
   *     with {@value #PREFIX}, the error gives the URI forms
   */
  public static ModelUri parse(String option, String text) {
    if (!text.startsWith(PREFIX)) {
      return new ModelUri(Optional.empty(), ModelRef.parse(option, text));
    }
    Matcher m = URI.matcher(text);
    if (!m.matches() || (m.group(2) != null && !ModelRef.ALIASES.contains(m.group(2)))) {
      throw new InvalidArgumentException(option, text, FORMS);
    }
    ModelRef ref = m.group(2) != null ? new ModelRef.Alias(m.group(2))
        : ModelRef.LATEST.equals(m.group(3)) ? ModelRef.latest() : new ModelRef.Version(Integer.parseInt(m.group(3)));
    return new ModelUri(Optional.of(m.group(1)), ref);
  }

  /**
   * The reference, once the URI's model name (if any) is checked against the configured one.
   *
   * @param option what the text came from, named in the error
   * @param configuredName {@code tripcast.model.name}
   * @throws dev.tripcast.errors.InvalidInputException if the URI names another model
   */
  public ModelRef ref(String option, String configuredName) {
    if (modelName.isPresent() && !modelName.get().equals(configuredName)) {
      throw new InvalidArgumentException(option, format(modelName.get(), ref), "a model URI of model '" + configuredName
          + "' (tripcast.model.name), not of '" + modelName.get() + "'");
    }
    return ref;
  }

  /**
   * The URI of a version, alias or {@code latest} of model {@code name}: {@code models:/name/2},
   * {@code models:/name@champion}, {@code models:/name/latest}.
   */
  public static String format(String name, ModelRef ref) {
    return PREFIX + name + (ref instanceof ModelRef.Alias a ? "@" + a.name()
        : ref instanceof ModelRef.Version v ? "/" + v.number() : "/" + ModelRef.LATEST);
  }

  /** The text this was parsed from: the URI, or the short form. */
  @Override
  public String toString() {
    return modelName.map(n -> format(n, ref)).orElse(ref.toString());
  }
}

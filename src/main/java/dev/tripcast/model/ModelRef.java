package dev.tripcast.model;

import dev.tripcast.errors.InvalidArgumentException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which saved model a job uses: a registry version ({@code v3}), {@code latest} (the highest
 * complete version) or an alias ({@code champion}, {@code challenger}: MLflow's
 * {@code models:/name@alias}), which the {@code model_registry} table resolves
 * ({@link ModelAliases}). Parsed once from the command line or a model card, so no code matches
 * version strings by hand.
 */
public sealed interface ModelRef {
  /** The text that selects the highest version. */
  String LATEST = "latest";
  /** "vN", N ≥ 1 without a leading zero. */
  Pattern VERSION_PATTERN = Pattern.compile("v([1-9][0-9]{0,8})");

  /** The aliases a version can carry. */
  java.util.List<String> ALIASES = java.util.List.of(ModelAliases.CHAMPION, ModelAliases.CHALLENGER);

  /**
   * The version an alias points at, resolved through the {@code model_registry} table.
   *
   * @param name "champion" or "challenger"
   */
  record Alias(String name) implements ModelRef {
    public Alias {
      if (!ALIASES.contains(name)) {
        throw new IllegalArgumentException("unknown alias " + name + ", expected one of " + ALIASES);
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code champion}, what {@code score} and {@code backfill} use by default. */
  static ModelRef champion() {
    return new Alias(ModelAliases.CHAMPION);
  }

  /** The highest complete version in the registry. */
  record Latest() implements ModelRef {
    @Override
    public String toString() {
      return LATEST;
    }
  }

  /**
   * One registry version.
   *
   * @param number the N of "vN", ≥ 1
   */
  record Version(int number) implements ModelRef {
    public Version {
      if (number < 1) {
        throw new IllegalArgumentException("model versions start at v1, got v" + number);
      }
    }

    /** The version's id and folder name, "v3". */
    public String id() {
      return "v" + number;
    }

    @Override
    public String toString() {
      return id();
    }
  }

  /** {@code latest}. */
  static ModelRef latest() {
    return new Latest();
  }

  /**
   * Parses "latest", "champion", "challenger" or "vN".
   *
   * @param option what the text came from, named in the error (e.g. "--model")
   * @throws dev.tripcast.errors.InvalidInputException if the text is neither
   */
  static ModelRef parse(String option, String text) {
    if (LATEST.equals(text)) {
      return latest();
    }
    if (ALIASES.contains(text)) {
      return new Alias(text);
    }
    return version(text).orElseThrow(
        () -> new InvalidArgumentException(option, text, "a model version v1, v2, ..., " + LATEST + " or an alias " + ALIASES));
  }

  /** "vN" as a {@link Version}, if it is one (N ≥ 1, no leading zero). */
  static java.util.Optional<Version> version(String text) {
    Matcher m = VERSION_PATTERN.matcher(text);
    return m.matches() ? java.util.Optional.of(new Version(Integer.parseInt(m.group(1)))) : java.util.Optional.empty();
  }
}

package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelUri;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --model}: which saved model scores, {@code champion} by default (a picocli mixin). It
 * takes the short forms and MLflow's model URIs ({@link ModelUri}); {@link #resolve} checks a URI's
 * model name against the settings.
 */
final class ModelOption {
  @Option(names = {"--model", "--model-version"}, paramLabel = "MODEL", defaultValue = ModelAliases.CHAMPION,
      converter = Converter.class,
      description = "Model alias (champion, challenger), version (v1, v2, ...), 'latest', or a model URI"
          + " (models:/NAME@ALIAS, models:/NAME/N; NAME is tripcast.model.name) (default: ${DEFAULT-VALUE};"
          + " a registry without a champion promotes its first version).")
  ModelUri uri;

  /** The reference, set by {@link #resolve}. */
  ModelRef model;

  /**
   * Checks the model URI's name, if {@code --model} is one, and sets {@link #model}.
   *
   * @throws dev.tripcast.errors.InvalidInputException if the URI names another model than {@code tripcast.model.name}
   */
  void resolve(Settings settings) {
    model = uri.ref("--model", settings.model().name());
  }

  /**
   * Parses {@link ModelUri#parse}; picocli names the option in the error. The model name is checked
   * once the settings are read.
   */
  static final class Converter implements CommandLine.ITypeConverter<ModelUri> {
    @Override
    public ModelUri convert(String value) {
      try {
        return ModelUri.parse("--model", value);
      } catch (InvalidInputException e) {
        throw new CommandLine.TypeConversionException("invalid model version '" + value + "': expected "
            + (value.startsWith(ModelUri.PREFIX) ? ModelUri.FORMS
                : "v1, v2, ..., " + ModelRef.LATEST + ", " + String.join(" or ", ModelRef.ALIASES) + ", or a model URI "
                    + ModelUri.PREFIX + "NAME@ALIAS or " + ModelUri.PREFIX + "NAME/N"));
      }
    }
  }
}

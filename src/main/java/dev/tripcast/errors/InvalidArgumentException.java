package dev.tripcast.errors;

/** A command-line argument (or a request's parameter taken from one) could not be used; exit {@link ExitCode#INVALID_INPUT}. */
public final class InvalidArgumentException extends InvalidInputException {
  private final String option;
  private final String value;

  /**
   * @param option the option or parameter, e.g. {@code --month}
   * @param value the value given
   * @param expected what a valid value looks like
   */
  public InvalidArgumentException(String option, String value, String expected) {
    super(String.format("invalid value '%s' for %s: expected %s", value, option, expected), null);
    this.option = option;
    this.value = value;
  }

  /** The option or parameter, e.g. {@code --month}. */
  public String option() {
    return option;
  }

  /** The value given. */
  public String value() {
    return value;
  }
}

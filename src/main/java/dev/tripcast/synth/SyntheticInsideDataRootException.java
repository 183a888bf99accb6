package dev.tripcast.synth;

import dev.tripcast.errors.InvalidInputException;

/**
 * {@code tripcast synth} was asked to write into the data root of real months; exit 2.
 */
public final class SyntheticInsideDataRootException extends InvalidInputException {
  private final String folder;
  private final String dataRoot;

  public SyntheticInsideDataRootException(String folder, String dataRoot) {
    super(String.format(
        "refusing to write synthetic trips to %s: it is inside paths.data-root %s, which holds real TLC months "
            + "(pass an --out folder outside it)", folder, dataRoot), null);
    this.folder = folder;
    this.dataRoot = dataRoot;
  }

  /** The output folder. */
  public String folder() {
    return folder;
  }

  /** The configured data root. */
  public String dataRoot() {
    return dataRoot;
  }
}

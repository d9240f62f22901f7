package sparkdgd.cli;

import picocli.CommandLine.Option;
import sparkdgd.config.InputFormat;
import sparkdgd.score.SavedModel;

/** The {@code --[no-]zero-based} flag of predict and evaluate: LIBSVM data numbered as the model's was, unless told. */
final class ScoringIndexBase {
  @Option(names = "--zero-based", negatable = true,
      description = "LIBSVM: the indices of --data start at 0, as scikit-learn's dump_svmlight_file writes them "
          + "(index 0 is the model's x1); --no-zero-based: at 1, as LIBSVM and Spark write them. Default: as the "
          + "model's training data (model.json's zeroBased; one-based for a model without it)")
  Boolean zeroBased;

  /** Whether {@code --data}'s LIBSVM indices start at 0: as the flag says, else as {@code saved}'s training data's. */
  boolean zeroBased(SavedModel.Loaded saved) {
    return zeroBased != null ? zeroBased : saved.libsvmZeroBased();
  }

  /**
   * Whether {@code --data}, read as {@code format}, is LIBSVM read zero-based only because {@code saved}'s training
   * data was, untold: a one-based file then loses its last feature to the index beyond the model, which a line about
   * such indices should say (the flag does nothing to other formats).
   */
  boolean zeroBasedUntold(SavedModel.Loaded saved, InputFormat format) {
    return format == InputFormat.LIBSVM && zeroBased == null && saved.libsvmZeroBased();
  }
}

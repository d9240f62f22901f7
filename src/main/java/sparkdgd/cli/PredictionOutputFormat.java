package sparkdgd.cli;

import sparkdgd.config.InputFormat;
import sparkdgd.config.UsageError;

/**
 * The format {@code predict} writes: {@code --output-format}, else {@code --output}'s extension, else the
 * format of {@code --data}, except that LIBSVM data is written as CSV. LIBSVM (a label and numbered
 * features) has no place for the prediction column, so asking for it is refused before anything runs.
 */
final class PredictionOutputFormat {
  private PredictionOutputFormat() {}

  /** The format asked for by the flag or the output's extension; null when the input's format decides. */
  static InputFormat asked(String flag, String output) {
    if (flag != null) {
      InputFormat f;
      try {
        f = InputFormat.parse(flag);
      } catch (IllegalArgumentException e) {
        throw new UsageError(String.format("--output-format must be csv or parquet, got \"%s\"", flag));
      }
      if (f == InputFormat.LIBSVM) {
        throw new UsageError("--output-format libsvm cannot hold the prediction column; use csv or parquet");
      }
      return f;
    }
    InputFormat f = InputFormat.fromFileName(output);
    if (f == InputFormat.LIBSVM) {
      throw new UsageError("--output " + output + ": libsvm cannot hold the prediction column; name it .csv or "
          + ".parquet, or pass --output-format csv or parquet");
    }
    return f;
  }

  /** The format written when neither the flag nor the output's name tells: the input's, CSV for LIBSVM. */
  static InputFormat following(InputFormat input) {
    return input == InputFormat.LIBSVM ? InputFormat.CSV : input;
  }
}

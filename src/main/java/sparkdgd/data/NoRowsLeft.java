package sparkdgd.data;

import java.util.Locale;

/**
 * The error of a run that has no row left, to train on, predict or evaluate: naming how many bad records
 * {@code --on-bad-record skip} left out and one of them, when it left out any.
 */
public final class NoRowsLeft {
  private NoRowsLeft() {}

  /**
   * @param data    the {@code --data} value
   * @param purpose what the rows were for: "to train on", "to predict", "to evaluate"
   */
  public static InputError error(String data, String purpose, BadRecords.Report skipped) {
    if (skipped.skipped() == 0) {
      return InputError.of(data, "the input has no data rows; check --data");
    }
    return InputError.of(data, String.format(Locale.ROOT, "no rows left %s: %,d bad record%s skipped "
        + "(--on-bad-record skip), one of them: %s", purpose, skipped.skipped(),
        skipped.skipped() == 1 ? " was" : "s were",
        skipped.examples().isEmpty() ? "(none kept)" : skipped.examples().get(0)));
  }
}

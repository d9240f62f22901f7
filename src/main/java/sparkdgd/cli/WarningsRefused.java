package sparkdgd.cli;

import java.util.List;
import java.util.Locale;
import sparkdgd.data.HiddenCharacter;

/**
 * A run that warned under {@code --fail-on-warning}: nothing is written, exit code 3 ({@link ExitCode#WARNED}).
 * Thrown where predict's staged write would finish (so that it is discarded), told by {@link ErrorReport}; train and
 * evaluate return the code themselves, with the same message.
 */
final class WarningsRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WarningsRefused(String message) {
    super(message, null, false, false);
  }

  /**
   * The one line: how many warnings, what about ("the model or its data"), the first, what was not written and what
   * to do to keep it ("a model").
   */
  static String message(List<String> warnings, String about, String output, String kept) {
    return String.format(Locale.ROOT, "the run gave %d warning%s about %s (the first: %s) and --fail-on-warning is "
        + "set, so nothing was written to %s; read the warning%s above, or leave --fail-on-warning out to keep such "
        + "%s", warnings.size(), warnings.size() == 1 ? "" : "s", about,
        HiddenCharacter.printable(warnings.get(0), 200), output, warnings.size() == 1 ? "" : "s", kept);
  }

  /** What --fail-on-warning's help says of predict and evaluate, which write nothing when they warned. */
  static final String SCORING_HELP = "Write nothing, and exit with code 3, when the run warned about the data (bad "
      + "records skipped, labels all the same or of one class, no rows): for a pipeline that should stop there. "
      + "Without it the warnings are printed and listed in the output's \"warnings\".";
}

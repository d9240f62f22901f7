package sparkdgd.data;

import sparkdgd.config.LossKind;

/**
 * The labels a loss can learn from, checked as each line is parsed, so that a bad one is named by its file, line and
 * column, and {@code --on-bad-record skip} can drop it, as any other bad value.
 */
public enum LabelRule {
  /** Any finite number: the squared and Huber losses. */
  ANY,
  /** 0 or 1: the logistic loss. */
  ZERO_OR_ONE;

  public static LabelRule of(LossKind loss) {
    return loss == LossKind.LOGISTIC ? ZERO_OR_ONE : ANY;
  }

  /** What is wrong with {@code label} (after "label ... holds 2.0"), or null when nothing is. */
  String problem(double label) {
    return this == ZERO_OR_ONE && label != 0 && label != 1 ? "but --loss logistic needs labels 0 or 1: recode the "
        + "classes as 0 and 1, check --label-col, or drop such rows with --on-bad-record skip" : null;
  }
}

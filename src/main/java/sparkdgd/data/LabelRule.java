package sparkdgd.data;

import java.util.Locale;
import sparkdgd.config.LossKind;

/**
 * The labels a loss can learn from, checked as each row is read, so that a bad one is named by its file and line and
 * column (a Parquet row: its row in the file). Unlike a malformed value, {@code --on-bad-record skip} does not drop
 * it: labels coded otherwise (-1/+1, 1/2) would leave one class, or none, and a run that learns nothing.
 */
public enum LabelRule {
  /** Any finite number: the squared and Huber losses. */
  ANY,
  /** 0 or 1: the logistic loss. */
  ZERO_OR_ONE;

  public static LabelRule of(LossKind loss) {
    return loss == LossKind.LOGISTIC ? ZERO_OR_ONE : ANY;
  }

  /**
   * The bad record for a label column {@code column} holding {@code label}, written {@code shown}, that this rule
   * refuses ("label column "y" holds 2, but --loss logistic needs ..."), or null when it is fine.
   */
  String refusal(String column, String shown, double label) {
    String problem = problem(label);
    return problem == null ? null : String.format("label column \"%s\" holds %s, %s", column, shown, problem);
  }

  /**
   * The problem of {@code raw}, the label {@code what} names ("label column "y"", "label"), when it is not a number
   * but names one of two classes as a word (yes/no, true/false, in any case: pandas writes booleans to CSV as True and
   * False) and this rule is the logistic loss's: the classes are there, only coded otherwise, so the fix is to recode
   * them, not to fix or delete the row. Null for another word, or another loss (a word is no target for a regression).
   */
  String wordProblem(String what, String raw) {
    if (this == ANY) {
      return null;
    }
    String word = raw.toLowerCase(Locale.ROOT);
    String no = word.equals("yes") || word.equals("no") ? "no" : word.equals("true") || word.equals("false")
        ? "false" : null;
    if (no == null) {
      return null;
    }
    return String.format("%s: expected a number, found \"%s\", but --loss logistic needs labels 0 or 1: recode the "
        + "classes as 0 and 1 (e.g. %s -> 0, %s -> 1)", what, raw, casedLike(no, raw),
        casedLike(no.equals("no") ? "yes" : "true", raw));
  }

  /** {@code word}, lower case, written in the case of {@code like}: "NO", "No" or "no". */
  private static String casedLike(String word, String like) {
    if (like.equals(like.toUpperCase(Locale.ROOT))) {
      return word.toUpperCase(Locale.ROOT);
    }
    return Character.isUpperCase(like.charAt(0)) ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word;
  }

  /** What is wrong with {@code label} (after "label ... holds 2.0"), or null when nothing is. */
  String problem(double label) {
    if (this == ANY || label == 0 || label == 1) {
      return null;
    }
    return "but --loss logistic needs labels 0 or 1: " + (label == -1 ? "recode -1 as 0 (classes coded -1 and +1)"
        : label != Math.rint(label) ? "for a numeric target use --loss squared (or huber), or check --label-col"
        : "recode the classes as 0 and 1, or check --label-col");
  }
}

package sparkdgd.data;

import java.io.Serializable;
import java.util.Locale;
import sparkdgd.config.LabelClasses;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;

/**
 * The labels a loss can learn from, checked as each row is read, so that a bad one is named by its file and line and
 * column (a Parquet row: its row in the file), and how they are stored: the logistic loss's two classes as 0 and 1,
 * whatever labels {@code --classes} names them by. Unlike a malformed value, {@code --on-bad-record skip} does not
 * drop a label outside the classes: labels coded otherwise (-1/+1, 1/2) would leave one class, or none, and a run
 * that learns nothing.
 */
public final class LabelRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Any finite number, stored as it is: the squared and Huber losses. */
  public static final LabelRule ANY = new LabelRule(null);
  /** 0 or 1: the logistic loss's default classes. */
  public static final LabelRule ZERO_OR_ONE = new LabelRule(LabelClasses.ZERO_ONE);

  /** The two classes' labels; null for {@link #ANY}. */
  private final LabelClasses classes;

  private LabelRule(LabelClasses classes) {
    this.classes = classes;
  }

  public static LabelRule of(LossSettings objective) {
    return objective.loss() == LossKind.LOGISTIC ? twoClasses(objective.classes()) : ANY;
  }

  /** The logistic loss's rule for classes labelled {@code classes}. */
  public static LabelRule twoClasses(LabelClasses classes) {
    return classes.isDefault() ? ZERO_OR_ONE : new LabelRule(classes);
  }

  /**
   * The bad record for a label column {@code column} holding {@code label}, written {@code shown}, that this rule
   * refuses ("label column "y" holds 2, but --loss logistic needs ..."), or null when it is fine.
   */
  String refusal(String column, String shown, double label) {
    String problem = problem(label);
    return problem == null ? null : String.format("label column \"%s\" holds %s, %s", column, shown, problem);
  }

  /** The label as the blocks hold it, once {@link #problem} found nothing wrong: a class's 0 or 1, or as it is. */
  double stored(double label) {
    return classes == null ? label : classes.classOf(label);
  }

  /**
   * The problem of {@code raw}, the label {@code what} names ("label column "y"", "label"), when it is not a number
   * but names one of two classes as a word (yes/no, true/false, in any case: pandas writes booleans to CSV as True and
   * False) and this rule is the logistic loss's: the classes are there, only coded otherwise, so the fix is to recode
   * them, not to fix or delete the row. Null for another word, or another loss (a word is no target for a regression).
   */
  String wordProblem(String what, String raw) {
    if (classes == null) {
      return null;
    }
    String word = raw.toLowerCase(Locale.ROOT);
    String no = word.equals("yes") || word.equals("no") ? "no" : word.equals("true") || word.equals("false")
        ? "false" : null;
    if (no == null) {
      return null;
    }
    String negative = LabelClasses.shown(classes.negative());
    String positive = LabelClasses.shown(classes.positive());
    return String.format("%s: expected a number, found \"%s\", but --loss logistic needs labels %s: recode the "
        + "classes as %s and %s (e.g. %s -> %s, %s -> %s)", what, raw, classes.either(), negative, positive,
        casedLike(no, raw), negative, casedLike(no.equals("no") ? "yes" : "true", raw), positive);
  }

  /** {@code word}, lower case, written in the case of {@code like}: "NO", "No" or "no". */
  private static String casedLike(String word, String like) {
    if (like.equals(like.toUpperCase(Locale.ROOT))) {
      return word.toUpperCase(Locale.ROOT);
    }
    return Character.isUpperCase(like.charAt(0)) ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word;
  }

  /**
   * The class label a float column holds as {@code label}, or NaN: a float column's 0.1 reads as 0.10000000149011612,
   * which --classes 0.1,0.2 never matches.
   */
  private double classRoundedToFloat(double label) {
    for (double c : new double[] {classes.negative(), classes.positive()}) {
      if ((double) (float) c == label) {
        return c;
      }
    }
    return Double.NaN;
  }

  /** What is wrong with {@code label} (after "label ... holds 2.0"), or null when nothing is. */
  String problem(double label) {
    if (classes == null || !Double.isNaN(classes.classOf(label))) {
      return null;
    }
    if (!classes.isDefault()) {
      double asFloat = classRoundedToFloat(label);
      return "but --classes " + classes.flagValue() + " names the labels " + classes.either() + ": check --classes "
          + "or --label-col" + (Double.isNaN(asFloat) ? "" : " (the label column holds floats, in which "
              + LabelClasses.shown(asFloat) + " is " + label + ": cast it to double, or label the classes with whole "
              + "numbers)");
    }
    return "but --loss logistic needs labels 0 or 1: " + (label == -1 ? "pass --classes -1,1 (classes labelled -1 "
        + "and +1, as in LIBSVM's binary data sets)"
        : label != Math.rint(label) ? "for a numeric target use --loss squared (or huber), or check --label-col"
        : "recode the classes as 0 and 1 (or name their labels with --classes NEG,POS, e.g. --classes 1,2), or check "
        + "--label-col; for three or more classes (--loss logistic is binary) train one model a class, its rows "
        + "labelled 1 and the others 0");
  }
}

package sparkdgd.config;

import java.io.Serializable;

/**
 * The two label values a logistic model's data writes for its negative and positive class ({@code --classes}): 0 and
 * 1 unless told otherwise, -1 and 1 in LIBSVM's binary data sets, 1 and 2 in some others. Rows are read as class 0
 * and 1; predictions are written, and evaluation labels read, in these values.
 *
 * @param negative the label of class 0
 * @param positive the label of class 1, whose probability a logistic model gives
 */
public record LabelClasses(double negative, double positive) implements Serializable {
  /** Labels 0 and 1, the default. */
  public static final LabelClasses ZERO_ONE = new LabelClasses(0, 1);

  public LabelClasses {
    negative += 0.0; // -0 is 0: as a label it is the same value, and --classes -0,1 the default
    positive += 0.0;
    Checks.arg(Double.isFinite(negative) && Double.isFinite(positive), "--classes must be two finite numbers, got "
        + "%s,%s", negative, positive);
    Checks.arg(negative != positive, "--classes must name two different labels, got %s twice", shown(negative));
  }

  /** Parses {@code NEG,POS}, e.g. {@code -1,1}. */
  public static LabelClasses parse(String text) {
    String[] parts = text.split(",", -1);
    Checks.arg(parts.length == 2, "--classes must be two labels, NEG,POS (e.g. -1,1), got \"%s\"", text);
    double[] labels = new double[2];
    for (int k = 0; k < 2; k++) { // 1e400 or 1e-400 named as written, not read as Infinity or 0
      labels[k] = DecimalText.parse("--classes", parts[k],
          String.format("--classes must be two numbers, NEG,POS (e.g. -1,1), got \"%s\"", text));
    }
    return new LabelClasses(labels[0], labels[1]);
  }

  public boolean isDefault() {
    return equals(ZERO_ONE);
  }

  /** The class of {@code label}: 0 for the negative label, 1 for the positive one, NaN for any other value. */
  public double classOf(double label) {
    return label == negative ? 0 : label == positive ? 1 : Double.NaN;
  }

  /** The label of class {@code c} (0 or 1). */
  public double label(double c) {
    return c == 0 ? negative : positive;
  }

  /** "0 or 1", "-1 or 1": the labels as a user writes them. */
  public String either() {
    return shown(negative) + " or " + shown(positive);
  }

  /** "0 and 1", "-1 and 1". */
  public String both() {
    return shown(negative) + " and " + shown(positive);
  }

  /** As {@code --classes} takes them: "-1,1". */
  public String flagValue() {
    return shown(negative) + "," + shown(positive);
  }

  /** {@code v} without a trailing ".0" when it is a whole number: "-1", "2.5". */
  public static String shown(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}

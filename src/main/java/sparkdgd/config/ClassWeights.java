package sparkdgd.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * How much a row of each class of a logistic model counts in the loss ({@code --class-weight}, scikit-learn's
 * {@code class_weight}): each row's loss and gradient are multiplied by its class's weight (and by its own weight
 * with {@code --weight-col}), and the mean divides by the sum of those products. {@code balanced} gives each class
 * the same total weight, {@code n / (2 n_c)} for the {@code n_c} rows of class c among n, as scikit-learn's
 * {@code class_weight='balanced'} (which counts the rows, not their sample weights).
 *
 * @param balanced whether the weights are {@code balanced}'s, worked out from the classes' rows; until then both are 1
 * @param negative the weight of class 0 (the first of {@code --classes})
 * @param positive the weight of class 1
 */
public record ClassWeights(boolean balanced, double negative, double positive) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Every row counts once: no {@code --class-weight}. */
  public static final ClassWeights NONE = new ClassWeights(false, 1, 1);
  /** {@code balanced}, before the classes' rows are counted. */
  public static final ClassWeights BALANCED = new ClassWeights(true, 1, 1);

  public ClassWeights {
    Checks.arg(negative > 0 && positive > 0 && Double.isFinite(negative) && Double.isFinite(positive),
        "--class-weight must be balanced or two finite weights > 0, W0,W1 (e.g. 1,5), got %s,%s", negative, positive);
  }

  /** Parses {@code balanced} or {@code W0,W1}, the weights of class 0 and class 1 (e.g. {@code 1,5}). */
  public static ClassWeights parse(String text) {
    if (text == null) {
      return NONE;
    }
    if (text.trim().equalsIgnoreCase("balanced")) {
      return BALANCED;
    }
    String[] parts = text.split(",", -1);
    String usage = String.format("--class-weight must be balanced or two weights W0,W1 (class 0's and class 1's, e.g. "
        + "1,5), got \"%s\"", text);
    Checks.arg(parts.length == 2, usage);
    double[] w = new double[2];
    for (int k = 0; k < 2; k++) {
      w[k] = DecimalText.parse("--class-weight", parts[k], usage);
      Checks.arg(w[k] > 0 && Double.isFinite(w[k]), "--class-weight's weights must be finite and > 0 (a class of "
          + "weight 0 would leave one class to learn), got \"%s\"", text);
    }
    return new ClassWeights(false, w[0], w[1]);
  }

  /** Whether every row counts once. */
  public boolean none() {
    return !balanced && negative == 1 && positive == 1;
  }

  /**
   * These weights for data of {@code negatives} rows of class 0 and {@code positives} of class 1: {@code balanced}'s
   * {@code n / (2 n_c)}; given weights as they are. A class without rows leaves balanced weights at 1 (the one-class
   * warning speaks of it).
   */
  public ClassWeights forRows(long negatives, long positives) {
    if (!balanced || negatives == 0 || positives == 0) {
      return this;
    }
    double n = (double) negatives + positives;
    return new ClassWeights(true, n / (2.0 * negatives), n / (2.0 * positives));
  }

  /**
   * These weights over the larger of the two: every class-weighted mean is the same with them, and no product or
   * square of them overflows ({@code 1e305,1e305} had made the Hessian NaN).
   */
  public ClassWeights overLarger() {
    double larger = Math.max(negative, positive);
    return new ClassWeights(balanced, negative / larger, positive / larger);
  }

  /** The weight of a row labelled {@code label}, class 0 or 1. */
  public double of(double label) {
    return label > 0.5 ? positive : negative;
  }

  /** As the flag is written: {@code balanced}, or {@code W0,W1}. */
  @Override
  public String toString() {
    return balanced ? "balanced" : String.format(Locale.ROOT, "%s,%s", shown(negative), shown(positive));
  }

  private static String shown(double w) {
    return w == Math.rint(w) && Math.abs(w) < 1e15 ? Long.toString((long) w) : Double.toString(w);
  }
}

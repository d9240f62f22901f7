package sparkdgd.score;

import java.io.Serializable;
import sparkdgd.loss.HuberLoss;

/**
 * Accumulates what the regression metrics need from (label, prediction) pairs: the labels' {@link Spread} (count,
 * mean, sum of squared deviations), the sums of squared and absolute errors and, for a Huber model, of its Huber
 * losses. Mutable; {@link #metrics()} gives the immutable result.
 */
public final class ErrorSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Spread labels = new Spread();
  private final double huberDelta;
  private double squaredErrors;
  private double absoluteErrors;
  private double huberLosses;

  /** Sums for a model whose metrics have no Huber loss. */
  public ErrorSums() {
    this(Double.NaN);
  }

  /**
   * Sums with the Huber losses at {@code huberDelta} (a model's {@code LinearModel.huberDelta()}: where the loss turns
   * from squared to linear, in label units); NaN leaves them out.
   */
  public ErrorSums(double huberDelta) {
    this.huberDelta = huberDelta;
  }

  /** Adds one row; returns this. */
  public ErrorSums add(double label, double prediction) {
    return add(label, prediction, 1);
  }

  /** Adds one row of weight {@code w} ({@code --weight-col}): its errors count {@code w} times; returns this. */
  public ErrorSums add(double label, double prediction, double w) {
    labels.add(label, w);
    double r = prediction - label;
    double a = Math.abs(r);
    squaredErrors += w * (r * r);
    absoluteErrors += w * a;
    huberLosses += w * HuberLoss.rowLoss(r, huberDelta); // NaN without a delta
    return this;
  }

  /** Adds another accumulator into this one; returns this. */
  public ErrorSums merge(ErrorSums o) {
    labels.merge(o.labels);
    squaredErrors += o.squaredErrors;
    absoluteErrors += o.absoluteErrors;
    huberLosses += o.huberLosses;
    return this;
  }

  public long rows() {
    return labels.count();
  }

  /** The rows' total weight: {@link #rows()} where each weighs 1. */
  public double weight() {
    return labels.weight();
  }

  /** The metrics (means weighted where rows have weights); throws IllegalStateException when no row was added. */
  public RegressionMetrics metrics() {
    long rows = labels.count();
    if (rows == 0) {
      throw new IllegalStateException("no rows to evaluate");
    }
    double n = labels.weight();
    double mse = squaredErrors / n;
    // R^2 = 1 - SSE / SST; undefined (NaN) when every label is the same
    double r2 = labels.squares() > 0 ? 1 - squaredErrors / labels.squares() : Double.NaN;
    return new RegressionMetrics(rows, mse, Math.sqrt(mse), absoluteErrors / n, r2, labels.mean(),
        huberLosses / n, n);
  }
}

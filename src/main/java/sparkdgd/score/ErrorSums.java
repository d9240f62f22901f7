package sparkdgd.score;

import java.io.Serializable;

/**
 * Accumulates what the regression metrics need from (label, prediction) pairs: the count, the label
 * mean and its sum of squared deviations (Welford's update, merged by Chan et al.'s rule, so no
 * cancellation of {@code sum y^2 - n mean^2}), and the sums of squared and absolute errors. Mutable;
 * {@link #metrics()} gives the immutable result.
 */
public final class ErrorSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private long n;
  private double labelMean;
  private double labelM2;
  private double squaredErrors;
  private double absoluteErrors;

  /** Adds one row; returns this. */
  public ErrorSums add(double label, double prediction) {
    n++;
    double d = label - labelMean;
    labelMean += d / n;
    labelM2 += d * (label - labelMean);
    double r = prediction - label;
    squaredErrors += r * r;
    absoluteErrors += Math.abs(r);
    return this;
  }

  /** Adds another accumulator into this one; returns this. */
  public ErrorSums merge(ErrorSums o) {
    if (o.n == 0) {
      return this;
    }
    if (n == 0) {
      n = o.n;
      labelMean = o.labelMean;
      labelM2 = o.labelM2;
    } else {
      long total = n + o.n;
      double delta = o.labelMean - labelMean;
      labelMean += delta * o.n / total;
      labelM2 += o.labelM2 + delta * delta * ((double) n * o.n / total);
      n = total;
    }
    squaredErrors += o.squaredErrors;
    absoluteErrors += o.absoluteErrors;
    return this;
  }

  public long rows() {
    return n;
  }

  /** The metrics; throws IllegalStateException when no row was added. */
  public RegressionMetrics metrics() {
    if (n == 0) {
      throw new IllegalStateException("no rows to evaluate");
    }
    double mse = squaredErrors / n;
    // R^2 = 1 - SSE / SST; undefined (NaN) when every label is the same
    double r2 = labelM2 > 0 ? 1 - squaredErrors / labelM2 : Double.NaN;
    return new RegressionMetrics(n, mse, Math.sqrt(mse), absoluteErrors / n, r2, labelMean);
  }
}

package sparkdgd.score;

import java.io.Serializable;

/**
 * The count, mean and sum of squared deviations of some values, added one at a time (Welford's update) and merged by
 * Chan et al.'s rule, so values far from 0 lose no digits to {@code sum x^2 - n mean^2}. Mutable.
 */
public final class Spread implements Serializable {
  private static final long serialVersionUID = 1L;

  private long n;
  private double mean;
  private double m2;

  /** Adds one value; returns this. */
  public Spread add(double x) {
    n++;
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
    return this;
  }

  /** Adds another spread into this one; returns this. */
  public Spread merge(Spread o) {
    if (o.n == 0) {
      return this;
    }
    if (n == 0) {
      n = o.n;
      mean = o.mean;
      m2 = o.m2;
      return this;
    }
    long total = n + o.n;
    double delta = o.mean - mean;
    mean += delta * o.n / total;
    m2 += o.m2 + delta * delta * ((double) n * o.n / total);
    n = total;
    return this;
  }

  public long count() {
    return n;
  }

  public double mean() {
    return mean;
  }

  /** The sum of squared deviations from the mean. */
  public double squares() {
    return m2;
  }
}

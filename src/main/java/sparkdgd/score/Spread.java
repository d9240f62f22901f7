package sparkdgd.score;

import java.io.Serializable;

/**
 * The count, mean and sum of squared deviations of some values, added one at a time (Welford's update) and merged by
 * Chan et al.'s rule, so values far from 0 lose no digits to {@code sum x^2 - n mean^2}. Values may have weights
 * ({@code --weight-col}): the mean and the squares are then weighted (West's update), each value counting its
 * weight's worth. Mutable.
 */
public final class Spread implements Serializable {
  private static final long serialVersionUID = 1L;

  private long n;
  /** The values' total weight: {@code n} where each weighs 1. */
  private double weight;
  private double mean;
  private double m2;

  /** Adds one value; returns this. */
  public Spread add(double x) {
    return add(x, 1);
  }

  /** Adds one value of weight {@code w} (at least 0); returns this. */
  public Spread add(double x, double w) {
    n++;
    if (w == 0) {
      return this;
    }
    weight += w;
    double d = x - mean;
    mean += d * w / weight;
    m2 += w * d * (x - mean);
    return this;
  }

  /** Adds another spread into this one; returns this. */
  public Spread merge(Spread o) {
    if (o.weight == 0) {
      n += o.n;
      return this;
    }
    if (weight == 0) {
      n += o.n;
      weight = o.weight;
      mean = o.mean;
      m2 = o.m2;
      return this;
    }
    double total = weight + o.weight;
    double delta = o.mean - mean;
    mean += delta * o.weight / total;
    m2 += o.m2 + delta * delta * (weight * o.weight / total);
    weight = total;
    n += o.n;
    return this;
  }

  /** How many values were added (those of weight 0 too). */
  public long count() {
    return n;
  }

  /** The values' total weight: {@link #count()} where each weighs 1. */
  public double weight() {
    return weight;
  }

  public double mean() {
    return mean;
  }

  /** The sum of squared deviations from the mean. */
  public double squares() {
    return m2;
  }
}

package sparkdgd.optim;

import java.util.Arrays;

/**
 * Polyak-Ruppert averaging (scikit-learn's {@code SGDRegressor(average=...)}): the steps of the rule it wraps, as
 * they are, and from iteration {@link #from} on the running mean of the iterates after each step, which the run
 * returns ({@link #iterate}). With mini-batches and a constant step the iterates wander around the minimum by the
 * batches' noise; their mean lies nearer it. The mean is taken in the optimizer's coordinates, which the returned
 * coefficients map linearly, so it is the mean of the coefficients too; under an L1 penalty it is not sparse (each
 * iterate's zeros differ). Its count and mean are part of the state a checkpoint saves.
 */
public final class AveragedIterates implements Optimizer {
  private final Optimizer steps;
  private final int from;
  private double[] mean = new double[0];
  private long count;

  /** Averages the iterates of {@code steps} after iterations {@code from}, {@code from + 1}, ... (from 1). */
  public AveragedIterates(Optimizer steps, int from) {
    if (from < 1) {
      throw new IllegalArgumentException("Expecting averaging from iteration 1 or later, got " + from);
    }
    this.steps = steps;
    this.from = from;
  }

  @Override
  public Evaluation step(int iteration, double[] point, Evaluation atPoint, ObjectiveFunction f) {
    Evaluation next = steps.step(iteration, point, atPoint, f);
    if (iteration >= from) {
      if (count == 0) {
        mean = new double[point.length];
      }
      count++;
      for (int i = 0; i < point.length; i++) {
        mean[i] += (point[i] - mean[i]) / count;
      }
    }
    return next;
  }

  /** The mean of the iterates so far, or the wrapped rule's iterate before the first was averaged. */
  @Override
  public double[] iterate(double[] point) {
    return count == 0 ? steps.iterate(point) : mean.clone();
  }

  /** How many iterates the mean holds. */
  @Override
  public long averagedIterates() {
    return count;
  }

  /** The count, the mean's length and the mean, then the wrapped rule's state. */
  @Override
  public double[] state() {
    double[] inner = steps.state();
    double[] s = new double[2 + mean.length + inner.length];
    s[0] = count;
    s[1] = mean.length;
    System.arraycopy(mean, 0, s, 2, mean.length);
    System.arraycopy(inner, 0, s, 2 + mean.length, inner.length);
    return s;
  }

  @Override
  public void restore(double[] state) {
    if (state.length < 2 || state[1] < 0 || 2 + (long) state[1] > state.length) {
      throw new IllegalArgumentException("the checkpoint's optimizer state (" + state.length + " values) is not an "
          + "averaged one");
    }
    int length = (int) state[1];
    count = (long) state[0];
    mean = Arrays.copyOfRange(state, 2, 2 + length);
    steps.restore(Arrays.copyOfRange(state, 2 + length, state.length));
  }

  @Override
  public boolean stalled() {
    return steps.stalled();
  }

  @Override
  public double expectedDecrease(Evaluation at) {
    return steps.expectedDecrease(at);
  }

  @Override
  public String toString() {
    return "AveragedIterates{from=" + from + ", " + steps + "}";
  }
}

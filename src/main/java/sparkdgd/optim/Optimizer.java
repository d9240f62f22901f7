package sparkdgd.optim;

/**
 * One update rule. The trainer holds the current point and its (full or mini-batch) evaluation; an
 * iteration moves the point in place. Given the full objective {@code f}, the rule also evaluates it at
 * the new point and returns that evaluation (the one pass per iteration that gives both the reported
 * loss and the next gradient); given null (mini-batches), it returns null and the trainer evaluates the
 * next batch itself. Its state can be saved in a checkpoint and restored bit for bit.
 */
public interface Optimizer {
  Evaluation step(int iteration, double[] point, Evaluation atPoint, ObjectiveFunction f);

  /** Everything besides the point needed to continue exactly; empty when there is nothing. */
  double[] state();

  void restore(double[] state);

  /**
   * The parameters to return after the last iteration, given the trainer's {@code point}: the point itself, or
   * for a method whose point is extrapolated beyond its iterate (Nesterov's), that iterate, which carries the
   * method's guarantees and the proximal step's exact zeros.
   */
  default double[] iterate(double[] point) {
    return point;
  }

  /** How many iterates {@link #iterate} returns the mean of (--average-from); 0 for a point of its own. */
  default long averagedIterates() {
    return 0;
  }

  /** Whether the last iteration could not lower the objective at all (a line search that failed). */
  default boolean stalled() {
    return false;
  }

  /**
   * How much the method's own model of the objective expects its next step from {@code at} to lower it, or NaN
   * for a method without such a model. The trainer's {@code --tol} test does not stop a run while this is
   * above the tolerance: one iteration's small decrease can be a short step, not the minimum.
   */
  default double expectedDecrease(Evaluation at) {
    return Double.NaN;
  }
}

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

  /** Whether the last iteration could not lower the objective at all (a line search that failed). */
  default boolean stalled() {
    return false;
  }
}

package sparkdgd.optim;

/** Evaluates the objective (one distributed pass) at internal parameters. */
@FunctionalInterface
public interface ObjectiveFunction {
  Evaluation at(double[] theta);
}

package sparkdgd.optim;

/**
 * The tutorial's rule, {@code theta <- theta - eta_t * gradient}, followed by the L1 penalty's
 * proximal step (a soft threshold) when there is one.
 */
public final class GradientDescent implements Optimizer {
  private final StepSchedule schedule;
  private final Regularization penalty;

  public GradientDescent(StepSchedule schedule, Regularization penalty) {
    this.schedule = schedule;
    this.penalty = penalty;
  }

  @Override
  public Evaluation step(int iteration, double[] theta, Evaluation atTheta, ObjectiveFunction f) {
    double eta = schedule.at(iteration);
    double[] g = atTheta.gradient();
    if (theta.length != g.length) {
      throw new IllegalArgumentException("Expecting " + theta.length + " gradient entries but got " + g.length);
    }
    for (int i = 0; i < theta.length; i++) {
      theta[i] -= eta * g[i];
    }
    penalty.prox(theta, eta);
    return f == null ? null : f.at(theta);
  }

  @Override
  public double[] state() {
    return new double[0];
  }

  @Override
  public void restore(double[] state) {
    if (state.length != 0) {
      throw new IllegalArgumentException("gd keeps no state but the checkpoint has " + state.length + " values");
    }
  }

  @Override
  public String toString() {
    return "GradientDescent{schedule=" + schedule + "}";
  }
}

package sparkdgd.optim;

import java.util.Arrays;

/**
 * Nesterov's accelerated proximal gradient (FISTA: Beck and Teboulle, 2009) with the gradient restart
 * rule of O'Donoghue and Candes (2015): the momentum is dropped whenever the step just taken points
 * against the previous one ({@code (y - x_new) . (x_new - x_old) > 0}), which keeps the method fast on
 * ill-conditioned problems and stops the oscillation plain acceleration shows there.
 *
 * <p>The trainer's point is the extrapolated point {@code y}, where the gradient is taken; the state is
 * the previous proximal iterate {@code x} and the momentum counter {@code t}. A run returns {@code x}
 * ({@link #iterate}), except when a gradient test passed at {@code y} stopped it and {@code x}'s own gradient does
 * not pass that test: then the trainer returns {@code y}, the point the test measured.
 */
public final class Nesterov implements Optimizer {
  private final StepSchedule schedule;
  private final Regularization penalty;
  private double[] previous;
  private double t = 1;
  private int restarts;

  public Nesterov(StepSchedule schedule, Regularization penalty) {
    this.schedule = schedule;
    this.penalty = penalty;
  }

  @Override
  public Evaluation step(int iteration, double[] y, Evaluation atY, ObjectiveFunction f) {
    double eta = schedule.at(iteration);
    double[] g = atY.gradient();
    if (previous == null) {
      previous = y.clone();
    }
    double[] x = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      x[i] = y[i] - eta * g[i];
    }
    penalty.prox(x, eta);
    double agreement = 0;
    for (int i = 0; i < y.length; i++) {
      agreement += (y[i] - x[i]) * (x[i] - previous[i]);
    }
    if (agreement > 0) {
      t = 1;
      restarts++;
    }
    double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    double momentum = (t - 1) / tNext;
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i] + momentum * (x[i] - previous[i]);
    }
    previous = x;
    t = tNext;
    return f == null ? null : f.at(y);
  }

  /**
   * The last proximal iterate {@code x}, not the extrapolated {@code y} the gradient is taken at: {@code y} is
   * {@code x} plus momentum, so a weight the soft threshold has just set to 0 is not 0 in {@code y}.
   */
  @Override
  public double[] iterate(double[] point) {
    return previous == null ? point : previous.clone();
  }

  /** How often the momentum was dropped. */
  public int restarts() {
    return restarts;
  }

  @Override
  public double[] state() {
    if (previous == null) {
      return new double[0];
    }
    double[] s = Arrays.copyOf(previous, previous.length + 2);
    s[previous.length] = t;
    s[previous.length + 1] = restarts;
    return s;
  }

  @Override
  public void restore(double[] state) {
    if (state.length == 0) {
      previous = null;
      t = 1;
      return;
    }
    previous = Arrays.copyOf(state, state.length - 2);
    t = state[state.length - 2];
    restarts = (int) state[state.length - 1];
  }

  @Override
  public String toString() {
    return "Nesterov{schedule=" + schedule + ", restart=gradient}";
  }
}

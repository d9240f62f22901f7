package sparkdgd.train;

import java.util.Locale;
import java.util.Optional;
import sparkdgd.config.ScheduleKind;
import sparkdgd.optim.StepSchedule;

/**
 * The warning for a run that {@code --tol} stopped after its step schedule had shrunk the step to a small part of
 * where it started: the objective then stops changing because the steps are tiny, not because it reached its minimum.
 * A user review's step schedule had halved the step 24 times (to 2.1e-8) when the run stopped for "relative change
 * of the objective fell below --tol", 7.7e-5 above the least-squares minimum with a coefficient 17% off and the
 * gradient norm still 1.6e-2, and no rule on the objective or its gradient had spoken.
 */
final class DecayedStep {
  /** A step below this part of the first is told. */
  static final double SHRUNK = 1e-3;

  private DecayedStep() {}

  /**
   * The warning, if due: {@code reason} stopped the run after {@code iterations} steps of {@code schedule} from
   * {@code rate} (halved every {@code every} for the step schedule).
   */
  static Optional<String> warning(StopReason reason, ScheduleKind schedule, double rate, int every, int iterations) {
    if (reason != StopReason.LOSS_CONVERGED || schedule == ScheduleKind.CONSTANT || iterations < 1) {
      return Optional.empty();
    }
    double now = new StepSchedule(schedule, rate, every).at(iterations);
    if (!(now < SHRUNK * rate)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "--tol stopped the run after --learning-rate-schedule %s had "
        + "shrunk the step to %.3g (from %.3g): the objective may have stopped changing because the steps are tiny, "
        + "not at its minimum; use %s, or full batches with --optimizer nesterov or lbfgs for the optimum", schedule,
        now, rate, schedule == ScheduleKind.STEP ? "a larger --step-every" : "a larger --batch-fraction"));
  }
}

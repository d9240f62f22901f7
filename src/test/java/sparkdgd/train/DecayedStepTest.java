package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import sparkdgd.config.ScheduleKind;

/** A --tol stop after the step schedule shrank the step (a user review's: halved 24 times, 17% off, no word). */
class DecayedStepTest {
  @Test
  void aTolStopAfterTheStepShrankIsTold() {
    // 3600 iterations halved every 150: 0.5^23 of the first step
    assertEquals(Optional.of("--tol stopped the run after --learning-rate-schedule step had shrunk the step to 1.79e-08 "
        + "(from 0.150): the objective may have stopped changing because the steps are tiny, not at its minimum; use a "
        + "larger --step-every, or full batches with --optimizer nesterov or lbfgs for the optimum"),
        DecayedStep.warning(StopReason.LOSS_CONVERGED, ScheduleKind.STEP, 0.15, 150, 3600));
    // inverse-sqrt: 1/sqrt(4e6) = 5e-4 of the first step
    assertEquals(true, DecayedStep.warning(StopReason.LOSS_CONVERGED, ScheduleKind.INVERSE_SQRT, 1.0, 1, 4_000_000)
        .orElseThrow().endsWith("use a larger --batch-fraction, or full batches with --optimizer nesterov or lbfgs "
            + "for the optimum"));
  }

  @Test
  void otherStopsConstantStepsAndStepsStillLargeAreNot() {
    assertEquals(Optional.empty(), DecayedStep.warning(StopReason.MAX_EPOCHS, ScheduleKind.STEP, 0.15, 150, 3600));
    assertEquals(Optional.empty(), DecayedStep.warning(StopReason.LOSS_CONVERGED, ScheduleKind.CONSTANT, 0.15, 1,
        3600));
    assertEquals(Optional.empty(), DecayedStep.warning(StopReason.LOSS_CONVERGED, ScheduleKind.STEP, 0.15, 150, 1350),
        "halved 8 times: 0.4% of the first step");
    assertEquals(Optional.empty(), DecayedStep.warning(StopReason.LOSS_CONVERGED, ScheduleKind.INVERSE_SQRT, 1.0, 1,
        100));
  }
}

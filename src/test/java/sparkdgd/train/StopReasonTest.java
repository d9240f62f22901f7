package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class StopReasonTest {

  /**
   * L-BFGS stalls where the objective stops changing in double precision, with a gradient norm near 1e-8 that
   * Nesterov takes below 1e-11: the line says so, with the norm, rather than claiming convergence.
   */
  @Test
  void noProgressNamesTheGradientNormItStoppedAtAndTheOptimizerThatGetsFurther() {
    assertEquals("the line search found no lower objective: the objective no longer changes in double precision "
        + "(gradient norm 1.05e-08); for a smaller gradient use --optimizer nesterov",
        StopReason.NO_PROGRESS.description(1.05e-8, 1));
    assertFalse(StopReason.NO_PROGRESS.description().contains("converged"), "it had not converged");
  }

  @Test
  void otherReasonsReadAsTheirDescription() {
    for (StopReason r : StopReason.values()) {
      if (r != StopReason.NO_PROGRESS) {
        assertEquals(r.description(), r.description(1e-3, 1), r.name());
      }
    }
  }

  @Test
  void aTolStopOfSeveralEvaluationsSaysHowMany() {
    assertEquals("relative change of the objective fell below --tol in 5 evaluations in a row (--tol-evaluations)",
        StopReason.LOSS_CONVERGED.description(0.1, 5));
  }
}

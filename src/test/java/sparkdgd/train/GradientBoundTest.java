package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When the gradient's floor under the distance to the optimum is told, and with what advice: from
 * {@link GradientBound#MATERIAL} of the objective on; not with {@code --tol 0}, nor for a run that kept an earlier
 * model, nor where no curvature bound holds, nor for an exact fit. The floor against an optimum solved apart is in
 * {@code GradientBoundWarningTest}.
 */
class GradientBoundTest {
  private static final double TOL = 1e-9;

  private static EpochRecord at(double objective, double gradientNorm) {
    return new EpochRecord(100, objective, gradientNorm, 1);
  }

  @Test
  void theCurvatureBoundIsTheHessiansTraceInStandardizedCoordinatesPlusTheL2Weight() {
    assertEquals(2 * 5 + 0.5, GradientBound.curvatureBound(2, 4, true, 0.5), 0.0);
    assertEquals(0.25 * 4, GradientBound.curvatureBound(0.25, 4, false, 0), 0.0);
  }

  @Test
  void toldFromAThousandthOfTheObjectiveWithWhatStoppedTheRun() {
    double l = 10;
    double g = Math.sqrt(2 * l * 1e-3 * 2.0); // floor g^2 / 2L = 1e-3 of an objective of 2
    Optional<String> due = GradientBound.warning(at(2.0, g * 1.0001), StopReason.MAX_EPOCHS, TOL, 100, l,
        ", or use --optimizer lbfgs");
    assertEquals("the model is not at the optimum: its objective 2 is at least 0.10% above the minimum (from the "
        + "gradient norm at the end, 0.200, a bound that holds for any data); raise --epochs, or use --optimizer "
        + "lbfgs", due.orElseThrow());
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, g * 0.999), StopReason.MAX_EPOCHS, TOL, 100, l, ""));
    assertTrue(GradientBound.warning(at(2.0, g * 1.0001), StopReason.LOSS_CONVERGED, TOL, 100, l, "").orElseThrow()
        .endsWith("; lower --tol (or raise --tol-evaluations)"),
        "--tol stopped it: raising --epochs would change nothing");
    assertTrue(GradientBound.warning(at(2.0, g * 1.0001), StopReason.GRADIENT_CONVERGED, TOL, 100, l, "")
        .orElseThrow().endsWith("; lower --gradient-tol"));
  }

  @Test
  void notWithTolZeroNorForAnEarlierModelKeptNorWithoutABound() {
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, 5), StopReason.MAX_EPOCHS, 0, 100, 10, ""),
        "--tol 0: a fixed number of epochs asked for");
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, 5), StopReason.EARLY_STOPPED, TOL, 100, 10, ""));
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, 5), StopReason.NO_PROGRESS, TOL, 100, 10, ""));
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, 5), StopReason.MAX_EPOCHS, TOL, 100, Double.NaN,
        ""));
    assertEquals(Optional.empty(), GradientBound.warning(at(0.0, 5), StopReason.MAX_EPOCHS, TOL, 100, 10, ""));
    assertEquals(Optional.empty(), GradientBound.warning(null, StopReason.MAX_EPOCHS, TOL, 100, 10, ""));
  }

  /**
   * An exact fit: its gradient is rounding. A fresh run's objective of 2.1e-29 from 1.3 at the start had a floor of
   * 38% of itself; a run resumed at 3.4e-28 (a review's) is told by the scale the caller gives, the larger of the
   * checkpoint's first record and the labels' variance, not by the checkpoint's own objective.
   */
  @Test
  void theExactFitScaleIsTheLargestKnownStart() {
    java.util.List<EpochRecord> resumed = java.util.List.of(at(15, 3), at(3.4e-28, 1e-15));
    assertEquals(15, GradientBound.exactFitScale(3.4e-28, resumed, Double.NaN), 0.0, "a checkpoint's history");
    assertEquals(20, GradientBound.exactFitScale(3.4e-28, resumed, 20), 0.0, "the labels' variance");
    assertEquals(1.3, GradientBound.exactFitScale(1.3, java.util.List.of(), Double.NaN), 0.0);
  }

  @Test
  void notForAnExactFit() {
    assertEquals(Optional.empty(), GradientBound.warning(at(2.10165e-29, 7.94e-15), StopReason.MAX_EPOCHS, TOL, 1.3,
        10, ""));
    assertEquals(Optional.empty(), GradientBound.warning(at(5.33952e-28, 3.53e-15), StopReason.MAX_EPOCHS, TOL, 15,
        10, ""));
    assertTrue(GradientBound.warning(at(5.33952e-28, 3.53e-15), StopReason.MAX_EPOCHS, TOL, 3.4e-28, 10, "")
        .isPresent(), "with the checkpoint's objective as the scale, as the first version had it");
  }

  @Test
  void anL1RunsProximalMappingGivesTheFloorOnlyAtAStepOfAtLeastOneOverL() {
    assertEquals(12.0, GradientBound.forProximalStep(12.0, 1.0 / 12));
    assertEquals(12.0, GradientBound.forProximalStep(12.0, 0.49));
    assertTrue(Double.isNaN(GradientBound.forProximalStep(12.0, 0.08)), "a shorter step's mapping can be longer");
    assertTrue(Double.isNaN(GradientBound.forProximalStep(Double.NaN, 0.49)), "raw coordinates: no bound at all");
  }
}

package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When the gradient's floor under the distance to the optimum is told: from {@link GradientBound#MATERIAL} of the
 * objective on, not for a run that kept an earlier model, nor where no curvature bound holds. The floor against an
 * optimum solved apart is in {@code GradientBoundWarningTest}.
 */
class GradientBoundTest {
  private static EpochRecord at(double objective, double gradientNorm) {
    return new EpochRecord(100, objective, gradientNorm, 1);
  }

  @Test
  void theCurvatureBoundIsTheHessiansTraceInStandardizedCoordinatesPlusTheL2Weight() {
    assertEquals(2 * 5 + 0.5, GradientBound.curvatureBound(2, 4, true, 0.5), 0.0);
    assertEquals(0.25 * 4, GradientBound.curvatureBound(0.25, 4, false, 0), 0.0);
  }

  @Test
  void toldFromAThousandthOfTheObjective() {
    double l = 10;
    double g = Math.sqrt(2 * l * 1e-3 * 2.0); // floor g^2 / 2L = 1e-3 of an objective of 2
    Optional<String> due = GradientBound.warning(at(2.0, g * 1.0001), StopReason.MAX_EPOCHS, 100, l, "");
    assertTrue(due.isPresent());
    assertEquals("the model is not at the optimum: its objective 2 is at least 0.10% above the minimum (from the "
        + "gradient norm at the end, 0.200, a bound that holds for any data); raise --epochs", due.get());
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, g * 0.999), StopReason.MAX_EPOCHS, 100, l, ""));
    assertTrue(GradientBound.warning(at(2.0, g * 1.0001), StopReason.LOSS_CONVERGED, 100, l, "").isPresent(),
        "a run --tol stopped too");
  }

  @Test
  void notForAnEarlierModelKeptNorWithoutABound() {
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, 5), StopReason.EARLY_STOPPED, 100, 10, ""));
    assertEquals(Optional.empty(), GradientBound.warning(at(2.0, 5), StopReason.MAX_EPOCHS, 100, Double.NaN, ""));
    assertEquals(Optional.empty(), GradientBound.warning(at(0.0, 5), StopReason.MAX_EPOCHS, 100, 10, ""));
    assertEquals(Optional.empty(), GradientBound.warning(null, StopReason.MAX_EPOCHS, 100, 10, ""));
  }

  /** An exact fit: an objective of 2.1e-29 from 1.3 at the start, its gradient rounding (a floor of 38% of it). */
  @Test
  void notForAnExactFit() {
    assertEquals(Optional.empty(), GradientBound.warning(at(2.10165e-29, 7.94e-15), StopReason.MAX_EPOCHS, 1.3, 10,
        ""));
    assertTrue(GradientBound.warning(at(2.10165e-29, 7.94e-15), StopReason.MAX_EPOCHS, 1e-20, 10, "").isPresent(),
        "where the start was as small, the floor is told");
  }
}

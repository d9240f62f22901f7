package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sparkdgd.config.OptimizerKind;

class EpochLimitTest {
  private static List<EpochRecord> lastTwo(double before, double last) {
    return List.of(new EpochRecord(99, before, 1, 1), new EpochRecord(100, last, 1, 1));
  }

  @Test
  void warnsWhenTheLastEpochStillMovedFarMoreThanTol() {
    Optional<String> w = EpochLimit.warning(lastTwo(1.0, 0.999), 1.0, StopReason.MAX_EPOCHS, 100, 1e-9, false,
        EpochLimit.remedy(OptimizerKind.GD, false));
    assertEquals("stopped by --epochs 100 while the objective still changed by 0.0010 of itself in the last epoch "
        + "(--tol 1.0e-09 would stop the run below that): the model may be far from the optimum; raise --epochs, or "
        + "use --optimizer lbfgs, which needs far fewer epochs when features are correlated", w.orElseThrow());
  }

  @Test
  void staysQuietNearTolForOtherStopsWithoutTolAndForMiniBatches() {
    // 1000 times tol is the line: 9e-7 of itself is within it
    assertTrue(EpochLimit.warning(lastTwo(1.0, 1.0 - 9e-7), 1.0, StopReason.MAX_EPOCHS, 100, 1e-9, false, "")
        .isEmpty());
    assertTrue(EpochLimit.warning(lastTwo(1.0, 0.5), 1.0, StopReason.LOSS_CONVERGED, 100, 1e-9, false, "").isEmpty());
    assertTrue(EpochLimit.warning(lastTwo(1.0, 0.5), 1.0, StopReason.MAX_EPOCHS, 100, 0, false, "").isEmpty());
    assertTrue(EpochLimit.warning(lastTwo(1.0, 0.5), 1.0, StopReason.MAX_EPOCHS, 100, 1e-9, true, "").isEmpty());
    assertTrue(EpochLimit.warning(List.of(new EpochRecord(1, 1.0, 1, 1)), 1.0, StopReason.MAX_EPOCHS, 1, 1e-9, false,
        "").isEmpty());
  }

  @Test
  void suggestsOnlyAnOptimizerThatCanHelp() {
    assertEquals("", EpochLimit.remedy(OptimizerKind.LBFGS, false), "already L-BFGS");
    assertEquals("", EpochLimit.remedy(OptimizerKind.NESTEROV, true), "Nesterov with L1: L-BFGS cannot take it");
    assertEquals(", or use --optimizer nesterov (L-BFGS does not take an L1 penalty)",
        EpochLimit.remedy(OptimizerKind.GD, true));
    assertEquals(", or use --optimizer lbfgs, which needs far fewer epochs when features are correlated",
        EpochLimit.remedy(OptimizerKind.NESTEROV, false));
  }

  @Test
  void huberWithADeltaFarBelowTheLabelsSpreadSaysSo() {
    assertEquals("; with --loss huber each row pulls with at most --huber-delta 1.0, far below the labels' standard "
        + "deviation 60.1: a --huber-delta near the residuals' scale needs far fewer epochs",
        EpochLimit.huberNote(1.0, 60.1));
    assertEquals("", EpochLimit.huberNote(10, 60.1), "delta within a tenth of the spread");
    assertEquals("", EpochLimit.huberNote(1.0, Double.NaN), "spread not known");
  }

  /**
   * An objective heading to an exact fit falls geometrically and changes by a fixed fraction of itself to the end:
   * y = 4 with --reg-param 0.1 from 16 (4 squared) to 1.4e-36, changing by 0.047 of itself; 60 rows of 200 features
   * from 15 to 7.4e-12, by 0.21. Below 1e-12 of the start that means nothing; above it, it still warns.
   */
  @Test
  void anObjectiveNegligibleAgainstItsStartSaysNothingByItsRelativeChange() {
    assertTrue(EpochLimit.warning(lastTwo(1.4e-36 / (1 - 0.047), 1.4e-36), 16, StopReason.MAX_EPOCHS, 100, 1e-9,
        false, "").isEmpty());
    assertTrue(EpochLimit.warning(lastTwo(7.4e-12 / (1 - 0.21), 7.4e-12), 15, StopReason.MAX_EPOCHS, 100, 1e-9,
        false, "").isEmpty());
    // 1e-11 of the start is not negligible
    assertTrue(EpochLimit.warning(lastTwo(1e-11 / (1 - 0.21), 1e-11), 1, StopReason.MAX_EPOCHS, 100, 1e-9, false, "")
        .isPresent());
  }
}

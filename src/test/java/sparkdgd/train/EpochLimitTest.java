package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sparkdgd.config.OptimizerKind;
import sparkdgd.loss.Metrics;

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
        + "use --optimizer lbfgs", w.orElseThrow());
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
    assertEquals(", or use --optimizer lbfgs", EpochLimit.remedy(OptimizerKind.NESTEROV, false));
  }

  /** A fixed step (not auto) crawls whatever the data: auto first, then the optimizer; L-BFGS sets its own steps. */
  @Test
  void aFixedLearningRateIsToldOfAuto() {
    assertEquals(", or use --learning-rate auto in place of the fixed 1e-09, or use --optimizer lbfgs",
        EpochLimit.remedy(OptimizerKind.GD, false, 1e-9));
    assertEquals(", or use --learning-rate auto in place of the fixed 0.5",
        EpochLimit.remedy(OptimizerKind.NESTEROV, true, 0.5));
    assertEquals("", EpochLimit.remedy(OptimizerKind.LBFGS, false, 1e-9));
    assertEquals(", or use --optimizer lbfgs", EpochLimit.remedy(OptimizerKind.GD, false, Double.NaN), "auto already");
  }

  /** The Huber note follows the optimizer's remedy: L-BFGS reached the optimum on correlated.csv, gd was far off. */
  @Test
  void huberKeepsTheOptimizersRemedyFirst() {
    String note = EpochLimit.huberNote(1.0, 60.1);
    assertEquals(", or use --optimizer lbfgs" + note, EpochLimit.remedy(OptimizerKind.GD, false, Double.NaN, false,
        note));
    assertEquals(note, EpochLimit.remedy(OptimizerKind.LBFGS, false, Double.NaN, false, note));
    assertEquals(EpochLimit.miniBatchRemedy(false) + note, EpochLimit.remedy(OptimizerKind.GD, false, 0.1, true,
        note));
  }

  @Test
  void huberWithADeltaFarBelowTheLabelsSpreadSaysSo() {
    assertEquals("; with --loss huber each row pulls with at most --huber-delta 1.0, far below the labels' standard "
        + "deviation 60.1, so any optimizer moves slowly until the residuals come within it (a larger --huber-delta "
        + "would move faster, but fits another estimator, less robust to outliers)", EpochLimit.huberNote(1.0, 60.1));
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

  /** Evaluations as (epoch, passes, objective) triples, as a mini-batch run's history.csv gives them. */
  private static List<EpochRecord> evaluations(double... epochPassesObjective) {
    List<EpochRecord> h = new ArrayList<>();
    for (int i = 0; i < epochPassesObjective.length; i += 3) {
      double objective = epochPassesObjective[i + 2];
      h.add(new EpochRecord((int) epochPassesObjective[i], epochPassesObjective[i + 1], objective, 0.02, 1,
          new Metrics(Map.of("mse", objective)), null));
    }
    return h;
  }

  /**
   * Nesterov, inverse-sqrt, 2,000 iterations of 0.1 batches on 5,000 rows of 6 features correlated 0.99 (numpy's
   * least squares: MSE 0.24538): the run ended at 0.2632, 7% above, falling at every evaluation but one. It said
   * nothing; now the trend through epochs 1100-2000 warns.
   */
  private static final List<EpochRecord> STILL_FALLING = evaluations(100, 10.0, 0.33330512079538843, 200, 20.0,
      0.2905919361183073, 300, 30.0, 0.2869653855978547, 400, 40.0, 0.28398873944669806, 500, 50.0,
      0.28032978998532304, 600, 60.0, 0.2764327836273017, 700, 70.0, 0.27457652625456214, 800, 80.0,
      0.27332469561529926, 900, 90.0, 0.2719063479639639, 1000, 100.0, 0.27086703749987634, 1100, 110.0,
      0.2700290641263436, 1200, 120.0, 0.26893202738259075, 1300, 130.0, 0.26824483163670176, 1400, 140.0,
      0.26759755203678537, 1500, 150.0, 0.26642496970123214, 1600, 160.0, 0.2657717382651147, 1700, 170.0,
      0.2652484784768859, 1800, 180.0, 0.26466202585050586, 1900, 190.0, 0.263739881767901, 2000, 201.0,
      0.26320178215041407);

  /**
   * The README's mini-batch run on correlated.csv (0.05 batches, nesterov, inverse-sqrt, 2,000 iterations,
   * --validation-fraction 0.2): it ends at 0.246416, within 0.03% of L-BFGS's 0.246359 on the same rows, going up
   * and down by more than it still falls.
   */
  private static final List<EpochRecord> AT_ITS_NOISE_FLOOR = evaluations(100, 5.0, 0.3376531662099219, 200, 10.0,
      0.24703013729750456, 300, 15.0, 0.24676614728351856, 400, 20.0, 0.24666401961126966, 500, 25.0,
      0.24666882295295195, 600, 30.0, 0.24665529970556835, 700, 35.0, 0.24654996430122955, 800, 40.0,
      0.24662732559255823, 900, 45.0, 0.24664080918843426, 1000, 50.0, 0.24687188766336562, 1100, 55.0,
      0.24649150142517254, 1200, 60.0, 0.24652747163766334, 1300, 65.0, 0.24661471466062576, 1400, 70.0,
      0.24652403513511384, 1500, 75.0, 0.2464061344698816, 1600, 80.0, 0.24639307186222453, 1700, 85.0,
      0.24641865272464095, 1800, 90.0, 0.246452744537707, 1900, 95.0, 0.24640172562674167, 2000, 101.0,
      0.24641643560775187);

  @Test
  void aMiniBatchRunStillFallingBeyondItsNoiseWarns() {
    String w = EpochLimit.warning(STILL_FALLING, 12.056, StopReason.MAX_EPOCHS, 2000, 1e-9, true,
        EpochLimit.miniBatchRemedy(false)).orElseThrow();
    assertTrue(w.startsWith("stopped by --epochs 2000 while the training objective was still falling, by "), w);
    assertTrue(w.contains("over the last 10 evaluations (epochs 1100-2000), a fall of "), w);
    assertTrue(w.endsWith("the model may be far from the optimum; raise --epochs, or use a larger --batch-fraction, "
        + "or full batches (--batch-fraction 1) with --optimizer lbfgs for the optimum"), w);
  }

  /**
   * The README's gd run with inverse-sqrt on correlated.csv, evaluated every 500 of 2,000 iterations of 0.05 batches:
   * 7.5 times the optimum's MSE, falling geometrically rather than along a line (it said nothing).
   */
  @Test
  void aGeometricFallWithFewEvaluationsWarns() {
    assertTrue(EpochLimit.warning(evaluations(500, 25.0, 21.11843370985661, 1000, 50.0, 7.218213837582729, 1500, 75.0,
        3.383011390572315, 2000, 100.0, 1.8574760646556174), 12.4, StopReason.MAX_EPOCHS, 2000, 1e-9, true, "")
        .isPresent());
  }

  @Test
  void aMiniBatchRunAtItsNoiseFloorOrWithTooFewEvaluationsSaysNothing() {
    assertEquals(Optional.empty(), EpochLimit.warning(AT_ITS_NOISE_FLOOR, 12.4, StopReason.MAX_EPOCHS, 2000, 1e-9,
        true, ""));
    assertEquals(Optional.empty(), EpochLimit.warning(STILL_FALLING.subList(16, 20), 12.056, StopReason.MAX_EPOCHS,
        2000, 0, true, ""), "--tol 0: a fixed number of epochs asked for");
    assertEquals(Optional.empty(), EpochLimit.warning(STILL_FALLING.subList(17, 20), 12.056, StopReason.MAX_EPOCHS,
        2000, 1e-9, true, ""), "three evaluations: too few to tell a trend from noise");
  }

  /**
   * A geometric fall by a factor exp(-0.001) an epoch, evaluated every 10 epochs of 0.1 batches: the log falls by
   * 0.001 an epoch, 0.01 a pass, along a line with no scatter but rounding.
   */
  @Test
  void theFiguresOfAStraightFall() {
    double[] h = new double[30];
    for (int k = 1; k <= 10; k++) {
      h[3 * k - 3] = 10 * k;
      h[3 * k - 2] = k;
      h[3 * k - 1] = 2 * Math.exp(-0.001 * 10 * k);
    }
    assertEquals(Optional.of("stopped by --epochs 100 while the training objective was still falling, by 0.010 of "
        + "itself per pass read over the last 5 evaluations (epochs 60-100), a fall with no scatter beyond rounding, "
        + "beyond the batches' noise (a full-batch run warns above 1.0e-06 of itself an epoch): the model may be far "
        + "from the optimum; raise --epochs, or use a larger --batch-fraction, or full batches (--batch-fraction 1) "
        + "with --optimizer nesterov for the optimum"),
        EpochLimit.warning(evaluations(h), 4, StopReason.MAX_EPOCHS, 100, 1e-9, true,
            EpochLimit.miniBatchRemedy(true)));
  }
}

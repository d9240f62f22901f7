package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;
import sparkdgd.loss.Metrics;

/** The separation warning comes from the final model's training accuracy and log-loss, not the log-loss alone. */
class SeparationProofTest {
  private static final LossSettings LOGISTIC = new LossSettings(LossKind.LOGISTIC, 1.0, 0, 0);

  private static EpochRecord last(double logLoss, double accuracy) {
    return new EpochRecord(100, 100, logLoss, 0.01, 1, new Metrics(Map.of("logloss", logLoss, "accuracy",
        accuracy)), null);
  }

  @Test
  void everyRowCorrectProvesSeparationWhateverTheLogLoss() {
    // gd's 100 epochs on separable rows: log-loss 0.0333, every row right (was: no warning, log-loss above 1e-6)
    assertTrue(SeparatedClasses.warning(LOGISTIC, last(0.0333, 1.0)).isPresent());
  }

  @Test
  void oneRowWrongOrNoMarginAtAllIsNoProof() {
    // 2,041 of 2,042 rows right: an optimum exists
    assertEquals(Optional.empty(), SeparatedClasses.warning(LOGISTIC, last(0.0333, 2041.0 / 2042)));
    // every margin 0 (zero weights), every label 0: counted correct, but nothing moves along the weights
    assertEquals(Optional.empty(), SeparatedClasses.warning(LOGISTIC, last(Math.log(2), 1.0)));
    // any penalty, an L1 one alone too, makes the optimum finite
    assertEquals(Optional.empty(), SeparatedClasses.warning(new LossSettings(LossKind.LOGISTIC, 1.0, 0.01, 1),
        last(0.0333, 1.0)));
  }
}

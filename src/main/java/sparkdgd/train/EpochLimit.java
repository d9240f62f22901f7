package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import sparkdgd.config.OptimizerKind;

/**
 * The warning for a full-batch run that {@code --epochs} stopped while it was still far from stopping by itself:
 * its objective still changed, in the last epoch, by more than {@link #FAR} times {@code --tol} of itself. Such a
 * run's model can be far from the optimum although nothing failed: plain gradient descent on correlated features
 * moves slowly along their differences, and at the default 100 epochs the bundled {@code correlated.csv} ends with
 * a coefficient of 13.3 where least squares gives 0.25. Not for {@code --tol 0} (a fixed number of epochs asked
 * for) nor for mini-batches, whose objective moves with the batches.
 */
public final class EpochLimit {
  /** How many times {@code --tol} the last epoch's relative change must exceed for the warning. */
  static final double FAR = 1000;
  /**
   * An objective below this fraction of the one the run started from says nothing by its relative change: the run is
   * heading to an exact fit (labels the features give exactly, or a constant one), where the objective falls to zero
   * geometrically and changes by a fixed fraction of itself every epoch all the way down (y = 4 with --reg-param 0.1:
   * 1.4e-36 after 100 epochs, changing by 0.047 of itself; 60 rows of 200 features: an MSE of 7.4e-12 from 15,
   * changing by 0.21). For the squared loss from zero it is a residual RMS of a millionth of the labels' RMS: every
   * reported digit of the model already fits.
   */
  static final double NEGLIGIBLE = 1e-12;

  private EpochLimit() {}

  /** What else to try: L-BFGS for a smooth objective, Nesterov for one with an L1 part; nothing after L-BFGS. */
  public static String remedy(OptimizerKind optimizer, boolean l1) {
    if (optimizer == OptimizerKind.LBFGS || (optimizer == OptimizerKind.NESTEROV && l1)) {
      return "";
    }
    return l1 ? ", or use --optimizer nesterov (L-BFGS does not take an L1 penalty)"
        : ", or use --optimizer lbfgs, which needs far fewer epochs when features are correlated";
  }

  /**
   * What the Huber loss adds to the remedy when {@code --huber-delta} is far below the labels' standard deviation
   * ({@code labelStd}): from zero every residual is then beyond delta, each row pulls with delta only, and the model
   * crawls towards labels far away whatever the optimizer (with the default delta 1, labels around 230 and 100 epochs
   * of gd or L-BFGS alike, {@code correlated.csv} ends with every coefficient 0), in place of another optimizer;
   * "" otherwise.
   */
  public static String huberNote(double delta, double labelStd) {
    return delta < labelStd / 10 ? String.format(Locale.ROOT, "; with --loss huber each row pulls with at most "
        + "--huber-delta %s, far below the labels' standard deviation %.3g: a --huber-delta near the residuals' scale "
        + "needs far fewer epochs", delta, labelStd) : "";
  }

  /**
   * The warning for a run of {@code history}, started from the objective {@code start}, that stopped for
   * {@code reason}, if it is due; {@code remedy} ends it after "raise --epochs" (another optimizer that suits the
   * objective, or ""). None when the last objective is below {@link #NEGLIGIBLE} of the larger of {@code start} and
   * the first record's (a resumed run's start is its checkpoint's).
   */
  public static Optional<String> warning(List<EpochRecord> history, double start, StopReason reason, int epochs,
      double tol, boolean miniBatch, String remedy) {
    if (reason != StopReason.MAX_EPOCHS || tol <= 0 || miniBatch || history.size() < 2) {
      return Optional.empty();
    }
    double before = history.get(history.size() - 2).objective();
    double last = history.get(history.size() - 1).objective();
    if (Math.abs(last) < NEGLIGIBLE * Math.max(start, history.get(0).objective())) {
      return Optional.empty();
    }
    double change = Math.abs(before - last) / Math.max(Math.abs(before), Double.MIN_NORMAL);
    if (!(change > FAR * tol)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "stopped by --epochs %d while the objective still changed by "
        + "%.2g of itself in the last epoch (--tol %.2g would stop the run below that): the model may be far from "
        + "the optimum; raise --epochs%s", epochs, change, tol, remedy));
  }
}

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
 * for). A mini-batch run's full objective, measured every {@code --log-every} iterations, moves with the batches
 * from one evaluation to the next: it gets the warning when the objective's trend over the last half of the run (a
 * least-squares line through the logarithm of its evaluations) falls both beyond their noise ({@link #TREND}
 * standard errors) and by more than {@link #FAR} times {@code --tol} of itself per pass read (nesterov,
 * inverse-sqrt, 2,000 iterations of 0.1 batches on 5,000 rows of 6 features correlated 0.99: an MSE still falling
 * by 2.8e-4 of itself per pass, 35 standard errors, 7% above the optimum; the README's mini-batch run on
 * {@code correlated.csv}, within 0.03% of L-BFGS's MSE, falls by 2.6 standard errors only: no warning).
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
  /**
   * How many standard errors a mini-batch run's fitted fall must be from none: iid noise about a flat objective
   * passes it by chance about once in 500 at 10 evaluations, once in 35 at the fewest ({@link #TREND_POINTS}; a
   * Student t of 2 degrees of freedom).
   */
  static final double TREND = 4;
  /** The fewest evaluations a mini-batch run's trend is fitted through (the last half of the run, else these). */
  static final int TREND_POINTS = 4;

  private EpochLimit() {}

  /**
   * What else to try: L-BFGS for a smooth objective, Nesterov for one with an L1 part; nothing after L-BFGS. No
   * reason is given for L-BFGS: the run cannot tell correlated features, which slow gradient descent most, from a
   * step too small or a loss that curves little (it said "which needs far fewer epochs when features are
   * correlated" to a run on independent features with a fixed step of 1e-9).
   */
  public static String remedy(OptimizerKind optimizer, boolean l1) {
    if (optimizer == OptimizerKind.LBFGS || (optimizer == OptimizerKind.NESTEROV && l1)) {
      return "";
    }
    return l1 ? ", or use --optimizer nesterov (L-BFGS does not take an L1 penalty)"
        : ", or use --optimizer lbfgs";
  }

  /**
   * As {@link #remedy(OptimizerKind, boolean)}, led by {@code --learning-rate auto} when gd or nesterov stepped by the
   * fixed {@code fixedRate} (NaN: auto already): a step far below 1/L crawls whatever the data (--standardize false
   * --learning-rate 1e-9 on 1,000 rows of three independent features of spread 1000: an MSE of 10.2 after 100
   * epochs where least squares gives 0.0109; auto reached it in 7).
   */
  public static String remedy(OptimizerKind optimizer, boolean l1, double fixedRate) {
    String rate = Double.isNaN(fixedRate) || optimizer == OptimizerKind.LBFGS ? ""
        : String.format(Locale.ROOT, ", or use --learning-rate auto in place of the fixed %s",
            Trainer.readable(fixedRate));
    return rate + remedy(optimizer, l1);
  }

  /**
   * What else to try after a mini-batch run: larger batches, or full batches with the optimizer that suits the
   * objective (L-BFGS takes no mini-batches, nor an L1 penalty).
   */
  public static String miniBatchRemedy(boolean l1) {
    return ", or use a larger --batch-fraction, or full batches (--batch-fraction 1) with --optimizer "
        + (l1 ? "nesterov" : "lbfgs") + " for the optimum";
  }

  /**
   * What the Huber loss adds to the remedy when {@code --huber-delta} is far below the labels' standard deviation
   * ({@code labelStd}): from zero every residual is then beyond delta, each row pulls with delta only, and the model
   * crawls towards labels far away until the residuals come within delta, whatever the optimizer (with the default
   * delta 1 and labels around 230, {@code correlated.csv} ends 100 epochs of gd or L-BFGS alike with every
   * coefficient 0; L-BFGS then reaches the optimum, at epoch 177, gd needs over a thousand). A larger delta would
   * move faster but is another estimator, less robust to outliers, so the note follows the optimizer's remedy and
   * does not replace it; "" otherwise.
   */
  public static String huberNote(double delta, double labelStd) {
    return delta < labelStd / 10 ? String.format(Locale.ROOT, "; with --loss huber each row pulls with at most "
        + "--huber-delta %s, far below the labels' standard deviation %.3g, so any optimizer moves slowly until the "
        + "residuals come within it (a larger --huber-delta would move faster, but fits another estimator, less "
        + "robust to outliers)", delta, labelStd) : "";
  }

  /**
   * The whole remedy after "raise --epochs": a mini-batch run's ({@link #miniBatchRemedy}) or a full-batch run's
   * ({@link #remedy(OptimizerKind, boolean, double)}), then {@code huberNote} (or "").
   */
  public static String remedy(OptimizerKind optimizer, boolean l1, double fixedRate, boolean miniBatch,
      String huberNote) {
    return (miniBatch ? miniBatchRemedy(l1) : remedy(optimizer, l1, fixedRate)) + huberNote;
  }

  /**
   * The warning for a run of {@code history}, started from the objective {@code start}, that stopped for
   * {@code reason}, if it is due; {@code remedy} ends it after "raise --epochs" (another optimizer that suits the
   * objective, or ""). None when the last objective is below {@link #NEGLIGIBLE} of the larger of {@code start} and
   * the first record's (a resumed run's start is its checkpoint's).
   */
  public static Optional<String> warning(List<EpochRecord> history, double start, StopReason reason, int epochs,
      double tol, boolean miniBatch, String remedy) {
    if (reason != StopReason.MAX_EPOCHS || tol <= 0 || history.size() < 2) {
      return Optional.empty();
    }
    double before = history.get(history.size() - 2).objective();
    double last = history.get(history.size() - 1).objective();
    if (Math.abs(last) < NEGLIGIBLE * Math.max(start, history.get(0).objective())) {
      return Optional.empty();
    }
    if (miniBatch) {
      return trend(history, epochs, tol, remedy);
    }
    double change = Math.abs(before - last) / Math.max(Math.abs(before), Double.MIN_NORMAL);
    if (!(change > FAR * tol)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "stopped by --epochs %d while the objective still changed by "
        + "%.2g of itself in the last epoch (--tol %.2g would stop the run below that): the model may be far from "
        + "the optimum; raise --epochs%s", epochs, change, tol, remedy));
  }

  /**
   * The mini-batch warning: a least-squares line through (epoch, log objective) of the evaluations after the run's
   * middle epoch (at least the last {@link #TREND_POINTS}), whose fall is at least {@link #TREND} standard errors of
   * its slope and more than {@link #FAR} times {@code tol} per pass read. The log, as a geometric fall is a line in
   * it: through the objective itself, gd's inverse-sqrt run on correlated.csv (21.1, 7.22, 3.38, 1.86 at epochs 500
   * to 2000; the optimum 0.246) curved away from a line by 3 standard errors of its slope, in the log by a tenth of
   * that.
   */
  private static Optional<String> trend(List<EpochRecord> history, int epochs, double tol, String remedy) {
    final int n = history.size();
    if (n < TREND_POINTS) {
      return Optional.empty();
    }
    int from = n - TREND_POINTS;
    int middle = history.get(n - 1).epoch() / 2;
    while (from > 0 && history.get(from - 1).epoch() > middle) {
      from--;
    }
    final int m = n - from;
    for (int i = from; i < n; i++) {
      if (!(history.get(i).objective() > 0)) {
        return Optional.empty();
      }
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = from; i < n; i++) {
      meanX += history.get(i).epoch();
      meanY += Math.log(history.get(i).objective());
    }
    meanX /= m;
    meanY /= m;
    double sxx = 0;
    double sxy = 0;
    for (int i = from; i < n; i++) {
      double dx = history.get(i).epoch() - meanX;
      sxx += dx * dx;
      sxy += dx * (Math.log(history.get(i).objective()) - meanY);
    }
    double slope = sxy / sxx;
    double residuals = 0;
    for (int i = from; i < n; i++) {
      double r = Math.log(history.get(i).objective()) - meanY - slope * (history.get(i).epoch() - meanX);
      residuals += r * r;
    }
    double standardError = Math.sqrt(residuals / (m - 2) / sxx);
    double errors = -slope / standardError; // +infinity for a fall along a straight line
    EpochRecord first = history.get(from);
    EpochRecord last = history.get(n - 1);
    // the log's fall: the relative fall, per pass read
    double perPass = -slope * (last.epoch() - first.epoch()) / (last.passes() - first.passes());
    if (!(errors >= TREND && perPass > FAR * tol)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "stopped by --epochs %d while the training objective was still "
        + "falling, by %.2g of itself per pass read over the last %d evaluations (epochs %d-%d), %s, beyond the "
        + "batches' noise (a full-batch run warns above %.2g of itself an epoch): the model may be far from the "
        + "optimum; raise --epochs%s", epochs, perPass, m, first.epoch(), last.epoch(), errors > 1e6
        ? "a fall with no scatter beyond rounding"
        : String.format(Locale.ROOT, "a fall of %.0f standard errors", errors), FAR * tol, remedy));
  }
}

package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A floor under how far the returned model's objective is above its minimum, from the gradient at it: for a convex
 * objective whose gradient is L-Lipschitz, {@code F(x) - F* >= |grad F(x)|^2 / (2 L)} (a step of 1/L from x along
 * the gradient would already lower F by that much). It warns where the floor is at least {@link #MATERIAL} of the
 * objective: then the model is not at the optimum, whatever the data, with no guess about how the run was going.
 * The run-length rules of {@link EpochLimit} look at how the objective moved, and miss runs that crawl (gd on
 * correlated features) or sit at a mini-batch's noise floor (a review's 100 iterations of 0.1 batches ended 2.7%
 * above the minimum, its coefficients up to 1.5 times off, with no word).
 *
 * <p>L is bounded from the data's layout alone: in the optimizer's coordinates each feature is centred (with an
 * intercept) and divided by a spread at least its standard deviation (its root mean square without an intercept), so
 * its mean square is at most 1, and the loss's Hessian {@code (c / n) sum z z^T} ({@code c} the loss's largest second
 * derivative in the margin: 2 squared, 1 Huber, 1/4 logistic) has its largest eigenvalue at most its trace,
 * {@code c (d + 1)}, or {@code c d} without an intercept; the L2 penalty adds its largest weight. The floor is
 * loose by up to d + 1, never too high. Not in raw coordinates ({@code --standardize false} with a fixed learning
 * rate: the mean squares are unbounded), nor when the run kept an earlier model ({@code --patience}), nor with
 * {@code --tol 0}.
 *
 * <p>With an L1 penalty the objective has no gradient, and a run's records hold the norm of its proximal gradient
 * mapping {@code G_t = (x - prox(x - t grad f(x))) / t} at the run's step t. The same floor holds for it: a proximal
 * step of 1/L from x lowers the objective by at least {@code |G_1/L|^2 / (2 L)} (Beck, First-Order Methods in
 * Optimization, Lemma 10.4, for L at least the smooth part's curvature), and the mapping at a longer step is no longer
 * ({@code |G_t| <= |G_1/L|} for {@code t >= 1/L}, Theorem 10.9): so where {@code t >= 1/L} ({@link #forProximalStep}).
 * A mini-batch run with an L1 penalty had stopped 1.2% above the minimum, a coefficient 11% off, with no word.
 */
final class GradientBound {
  /** The floor, as a fraction of the objective, from which the model is told to be off its optimum. */
  static final double MATERIAL = 1e-3;

  private GradientBound() {}

  /**
   * The curvature bound L for {@code dims} features in the optimizer's standardized coordinates.
   *
   * @param lossCurvature the loss's largest second derivative in the margin (2 for the squared loss)
   * @param l2Curvature   the L2 penalty's largest weight in those coordinates
   */
  static double curvatureBound(double lossCurvature, int dims, boolean intercept, double l2Curvature) {
    return lossCurvature * (dims + (intercept ? 1 : 0)) + l2Curvature;
  }

  /**
   * The curvature bound from the data's own second moments: {@code lossCurvature} times {@code dataEigenvalue}, the
   * largest eigenvalue of {@code (1/n) sum z z^T} in the optimizer's coordinates ({@link DataCurvature}), where
   * {@link #curvatureBound(double, int, boolean, double)} takes its trace.
   */
  static double curvatureOfData(double lossCurvature, double dataEigenvalue, double l2Curvature) {
    return lossCurvature * dataEigenvalue + l2Curvature;
  }

  /**
   * Whether {@link #warning} is silent with {@code curvatureBound}, the trace's, and would speak with {@code lowest},
   * the least the data's can be (the loss's curvature plus the L2 weight: the data's second moments have an eigenvalue
   * of at least 1, the intercept's or, without one, their mean diagonal's): only then is the data's curvature worth
   * its pass.
   */
  static boolean tighterCouldWarn(EpochRecord last, StopReason reason, double tol, double scale,
      double curvatureBound, double lowest) {
    return warning(last, reason, tol, scale, curvatureBound, "").isEmpty()
        && warning(last, reason, tol, scale, lowest, "").isPresent();
  }

  /**
   * The bound for a run with an L1 penalty whose records hold the proximal gradient mapping at {@code step}: {@code
   * curvatureBound} where the step is at least its inverse, else NaN (no floor holds: a mapping at a shorter step can
   * be longer).
   */
  static double forProximalStep(double curvatureBound, double step) {
    return step * curvatureBound >= 1 ? curvatureBound : Double.NaN;
  }

  /**
   * The scale an exact fit is told against ({@link #warning}): the largest objective the run is known to have started
   * from, {@code start} or the first record of its {@code history} (a resumed run's start is its checkpoint's), and,
   * for a regression, the labels' variance ({@code labelVariance}, NaN otherwise), which stands in for the start of a
   * run from {@code --init-model}.
   */
  static double exactFitScale(double start, List<EpochRecord> history, double labelVariance) {
    double first = history.isEmpty() ? 0 : history.get(0).objective();
    return Math.max(Math.max(start, first), Double.isNaN(labelVariance) ? 0 : labelVariance);
  }

  /**
   * The warning for {@code last}, the returned model's record, if due; {@code curvatureBound} from
   * {@link #curvatureBound} (and {@link #forProximalStep}), or NaN where none holds (raw coordinates); {@code remedy}
   * ends it after what to raise or lower for the {@code reason} that stopped the run: {@code --epochs}, {@code --tol}
   * or {@code --gradient-tol} (no other reason: a run kept an earlier model, or its optimizer said why it stopped).
   * None with {@code --tol 0}, a fixed number of epochs asked for (as {@link EpochLimit}), nor for an objective below
   * {@link EpochLimit#NEGLIGIBLE} of {@code scale} ({@link #exactFitScale}): an exact fit, whose gradient is rounding
   * (an objective of 2e-29 had a floor of 38% of itself).
   */
  static Optional<String> warning(EpochRecord last, StopReason reason, double tol, double scale,
      double curvatureBound, String remedy) {
    String raise = switch (reason) {
      case MAX_EPOCHS -> "raise --epochs";
      case LOSS_CONVERGED -> "lower --tol (or raise --tol-evaluations)";
      case GRADIENT_CONVERGED -> "lower --gradient-tol";
      default -> null;
    };
    if (last == null || raise == null || !(tol > 0) || !(curvatureBound > 0)) {
      return Optional.empty();
    }
    double objective = last.objective();
    double g = last.gradientNorm();
    double floor = g * g / (2 * curvatureBound);
    if (!(objective > EpochLimit.NEGLIGIBLE * scale) || !(floor >= MATERIAL * objective)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the model is not at the optimum: its objective %s is at least "
        + "%.2g%% above the minimum (from the gradient norm at the end, %.3g, a bound that holds for any data); "
        + "%s%s", Trainer.readable(objective), 100 * floor / objective, g, raise, remedy));
  }
}

package sparkdgd.train;

import java.util.Locale;

/** Why the epoch loop ended. */
public enum StopReason {
  MAX_EPOCHS("reached --epochs"),
  LOSS_CONVERGED("relative change of the objective fell below --tol"),
  GRADIENT_CONVERGED("the gradient norm fell below --gradient-tol"),
  ZERO_GRADIENT("the gradient is exactly zero"),
  /**
   * The objective stopped changing in double precision before its gradient did: near the minimum the objective's
   * change is about the square of the gradient's, so it flattens out first (L-BFGS here stops with a gradient norm
   * near 1e-8 where Nesterov's, which does not need the objective to fall, gets below 1e-11).
   */
  NO_PROGRESS("the line search found no lower objective: the objective no longer changes in double precision"),
  EARLY_STOPPED("the validation loss stopped improving for --patience evaluations; kept the best parameters");

  private final String description;

  StopReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** A few words for a table's column: the flag whose test stopped the run, or what else did. */
  public String briefly() {
    return switch (this) {
      case MAX_EPOCHS -> "--epochs";
      case LOSS_CONVERGED -> "--tol";
      case GRADIENT_CONVERGED -> "--gradient-tol";
      case ZERO_GRADIENT -> "zero gradient";
      case NO_PROGRESS -> "no further change";
      case EARLY_STOPPED -> "--patience";
    };
  }

  /**
   * The description for the end of a run whose returned parameters have gradient norm {@code gradientNorm}: for
   * {@link #NO_PROGRESS} with that norm and the optimizer that gets further; for {@link #LOSS_CONVERGED} with the
   * evaluations in a row that --tol needed ({@code tolEvaluations}) when more than one.
   */
  public String description(double gradientNorm, int tolEvaluations) {
    if (this == LOSS_CONVERGED && tolEvaluations > 1) {
      return String.format(Locale.ROOT, "%s in %d evaluations in a row (--tol-evaluations)", description,
          tolEvaluations);
    }
    if (this != NO_PROGRESS) {
      return description;
    }
    return String.format(Locale.ROOT, "%s (gradient norm %.3g); for a smaller gradient use --optimizer nesterov",
        description, gradientNorm);
  }
}

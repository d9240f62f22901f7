package sparkdgd.train;

/** Why the epoch loop ended. */
public enum StopReason {
  MAX_EPOCHS("reached --epochs"),
  LOSS_CONVERGED("relative change of the objective fell below --tol"),
  GRADIENT_CONVERGED("the gradient norm fell below --gradient-tol"),
  ZERO_GRADIENT("the gradient is exactly zero"),
  NO_PROGRESS("the line search found no lower objective: converged as far as rounding allows"),
  EARLY_STOPPED("the validation loss stopped improving for --patience evaluations; kept the best parameters");

  private final String description;

  StopReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}

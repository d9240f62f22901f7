package sparkdgd.train;

/** Why the epoch loop ended. */
public enum StopReason {
  MAX_EPOCHS("reached --epochs"),
  LOSS_CONVERGED("relative change of the MSE fell below --tol"),
  ZERO_GRADIENT("the gradient is exactly zero");

  private final String description;

  StopReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}

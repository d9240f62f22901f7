package sparkdgd.train;

/** The loss became non-finite or kept growing: the step is too large for this data. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}

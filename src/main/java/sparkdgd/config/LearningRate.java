package sparkdgd.config;

/**
 * The step size: a fixed positive number, or {@code auto}, which the trainer replaces by 1/L, with L
 * the largest eigenvalue of the loss's Hessian estimated by distributed Lanczos passes (with mini-batches by
 * 1/L_b, the curvature a batch can have: {@code train.MiniBatchStep}).
 */
public record LearningRate(boolean auto, double value) {
  public static final LearningRate AUTO = new LearningRate(true, Double.NaN);

  public LearningRate {
    Checks.arg(auto || (value > 0 && Double.isFinite(value)),
        "--learning-rate must be a positive number or auto, got %s", value);
  }

  public static LearningRate fixed(double value) {
    return new LearningRate(false, value);
  }

  /** Parses {@code auto} or a positive number. */
  public static LearningRate parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("auto")) {
      return AUTO;
    }
    return fixed(DecimalText.parse("--learning-rate", t,
        String.format("--learning-rate must be a positive number or auto, got \"%s\"", text)));
  }

  @Override
  public String toString() {
    return auto ? "auto" : Double.toString(value);
  }
}

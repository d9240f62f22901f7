package sparkdgd.optim;

/** The tutorial's update rule: {@code theta <- theta - eta * gradient}, in place. */
public final class GradientStep {
  private final double learningRate;

  public GradientStep(double learningRate) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("Expected a positive finite learning rate, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  public double learningRate() {
    return learningRate;
  }

  public void apply(double[] theta, double[] gradient) {
    if (theta.length != gradient.length) {
      throw new IllegalArgumentException("Expecting " + theta.length + " gradient entries but got " + gradient.length);
    }
    for (int i = 0; i < theta.length; i++) {
      theta[i] -= learningRate * gradient[i];
    }
  }

  @Override
  public String toString() {
    return "GradientStep{learningRate=" + learningRate + "}";
  }
}

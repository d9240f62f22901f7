package sparkdgd.bench;

/**
 * Ours against MLlib after the same {@code iterations} steps of the same rule ({@link StepRule}) from zero:
 * coefficients {@code [w_0..w_{d-1}, b]} of each and their largest difference relative to the largest
 * MLlib coefficient.
 */
public record CoefficientCheck(int iterations, double mllibStep, double[] ours, double[] mllib) {
  /** Agreement asked for: both sum the same products in a different order, so only rounding separates them. */
  public static final double TOLERANCE = 1e-9;

  public CoefficientCheck {
    if (ours.length != mllib.length) {
      throw new IllegalArgumentException("Expecting " + mllib.length + " coefficients but got " + ours.length);
    }
    ours = ours.clone();
    mllib = mllib.clone();
  }

  /** {@code max_j |ours_j - mllib_j| / max_j |mllib_j|}. */
  public double relativeDifference() {
    double diff = 0;
    double scale = 0;
    for (int j = 0; j < ours.length; j++) {
      diff = Math.max(diff, Math.abs(ours[j] - mllib[j]));
      scale = Math.max(scale, Math.abs(mllib[j]));
    }
    return scale > 0 ? diff / scale : diff;
  }

  public boolean agrees() {
    return relativeDifference() <= TOLERANCE;
  }

  @Override
  public double[] ours() {
    return ours.clone();
  }

  @Override
  public double[] mllib() {
    return mllib.clone();
  }
}

package sparkdgd.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The optimizer's data passes as the outputs write them. A mini-batch run adds its batch fraction each
 * epoch, so the count carries the sum's rounding error: ten passes of 0.05 add up to 0.49999999999999994, twenty to
 * 1.0000000000000002. Rounded to {@link #DECIMALS} decimals, far finer than any batch fraction, they read 0.5
 * and 1.0 in model.json, history.csv and the summary line alike.
 */
public final class Passes {
  /** Decimals kept. */
  public static final int DECIMALS = 9;

  private Passes() {}

  /** {@code passes} rounded to {@link #DECIMALS} decimals (to the nearest); NaN and infinities as they are. */
  public static double rounded(double passes) {
    if (!Double.isFinite(passes)) {
      return passes;
    }
    return new BigDecimal(passes).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}

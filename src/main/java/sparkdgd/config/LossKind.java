package sparkdgd.config;

import java.util.Locale;

/** The per-row loss the model is fitted with ({@code --loss}). */
public enum LossKind {
  /** {@code (yhat - y)^2}: least squares, the tutorial's MSE. */
  SQUARED,
  /** Squared near zero, absolute beyond {@code --huber-delta}: robust to outliers in the label. */
  HUBER,
  /** Log-loss of {@code P(y = 1) = 1 / (1 + exp(-(w.x + b)))} for labels 0 and 1. */
  LOGISTIC;

  public static LossKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--loss must be squared, huber or logistic, got \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

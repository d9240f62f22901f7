package sparkdgd.config;

import java.util.Locale;

/** The update rule ({@code --optimizer}). */
public enum OptimizerKind {
  /** Gradient descent, the tutorial's rule (proximal when there is an L1 penalty). */
  GD,
  /** Nesterov's accelerated (proximal) gradient with adaptive restart. */
  NESTEROV,
  /** Limited-memory BFGS with a backtracking line search; smooth objectives only (no L1). */
  LBFGS;

  public static OptimizerKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--optimizer must be gd, nesterov or lbfgs, got \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

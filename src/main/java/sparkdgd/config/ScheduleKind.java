package sparkdgd.config;

import java.util.Locale;

/** How the step changes with the iteration t = 1, 2, ... ({@code --learning-rate-schedule}). */
public enum ScheduleKind {
  /** The same step every iteration. */
  CONSTANT,
  /** {@code rate / sqrt(t)}: the classic rule for noisy (mini-batch) gradients. */
  INVERSE_SQRT,
  /** {@code rate * 0.5^floor((t - 1) / K)}: halves every {@code --step-every} K iterations. */
  STEP;

  public static ScheduleKind parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--learning-rate-schedule must be constant, inverse-sqrt or step, got \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

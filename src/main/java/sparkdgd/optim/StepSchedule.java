package sparkdgd.optim;

import sparkdgd.config.ScheduleKind;

/** The step at iteration t = 1, 2, ...: constant, {@code rate / sqrt(t)}, or halved every K iterations. */
public record StepSchedule(ScheduleKind kind, double rate, int every) {
  public StepSchedule {
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("Expected a positive finite learning rate, got " + rate);
    }
    if (every < 1) {
      throw new IllegalArgumentException("Expected a step interval >= 1, got " + every);
    }
  }

  public static StepSchedule constant(double rate) {
    return new StepSchedule(ScheduleKind.CONSTANT, rate, 1);
  }

  public double at(int iteration) {
    return switch (kind) {
      case CONSTANT -> rate;
      case INVERSE_SQRT -> rate / Math.sqrt(iteration);
      case STEP -> rate * Math.pow(0.5, (iteration - 1) / every);
    };
  }
}

package sparkdgd.bench;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Timed repetitions of one measurement, in seconds: median, min, max.
 *
 * @param stolenShare the share of the machine's CPU time the hypervisor gave to other guests while the
 *                    repetitions ran ({@link CpuTicks}); NaN when unknown
 * @param inRounds    the same timings in the order they ran, round {@code r} at {@code [r]}
 * @param turns       which {@link Timer} call they came from (every {@link Timer#measure} is a call of
 *                    {@link Timer#measureInTurns} with one piece): timings of the same call (the same positive
 *                    number) ran round for round together, so they can be compared in pairs; 0 for timings not
 *                    from a {@link Timer}
 */
public record Stats(double[] seconds, double stolenShare, double[] inRounds, long turns) {
  /** Timings without a stolen share (NaN), not measured in turns. */
  public Stats(double[] seconds) {
    this(seconds, Double.NaN);
  }

  /** Timings not from a {@link Timer} (turns 0). */
  public Stats(double[] seconds, double stolenShare) {
    this(seconds, stolenShare, seconds, 0);
  }

  public Stats {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("Expected at least one timing, got none");
    }
    if (inRounds.length != seconds.length || turns < 0) {
      throw new IllegalArgumentException("Expected the same " + seconds.length + " timings in rounds and turns >= 0, "
          + "got " + inRounds.length + " and " + turns);
    }
    inRounds = inRounds.clone();
    seconds = seconds.clone();
    Arrays.sort(seconds);
  }

  public double median() {
    int n = seconds.length;
    return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
  }

  public double min() {
    return seconds[0];
  }

  public double max() {
    return seconds[seconds.length - 1];
  }

  /** Every timing divided by {@code k} (a call of k iterations gives the time per iteration). */
  public Stats per(int k) {
    return scaled(1.0 / k);
  }

  /** Every timing times {@code factor}; the same stolen share and turns. */
  public Stats scaled(double factor) {
    double[] s = inRounds.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] *= factor;
    }
    return new Stats(s, stolenShare, s, turns);
  }

  /**
   * The median over rounds of this round's timing divided by {@code other}'s, when both were measured in the
   * same turns: a ratio of like with like, round by round, that a drift of the machine between rounds does not
   * move. Empty for timings measured apart.
   */
  public OptionalDouble pairedRatio(Stats other) {
    if (turns == 0 || turns != other.turns || inRounds.length != other.inRounds.length) {
      return OptionalDouble.empty();
    }
    double[] ratios = new double[inRounds.length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = inRounds[r] / other.inRounds[r];
    }
    return OptionalDouble.of(new Stats(ratios).median());
  }

  @Override
  public double[] seconds() {
    return seconds.clone();
  }

  @Override
  public double[] inRounds() {
    return inRounds.clone();
  }
}

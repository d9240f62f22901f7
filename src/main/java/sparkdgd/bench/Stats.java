package sparkdgd.bench;

import java.util.Arrays;
import java.util.Optional;

/**
 * Timed repetitions of one measurement, in seconds: median, min, max.
 *
 * @param inRounds    the timings in the order they ran, round {@code r} at {@code [r]}
 * @param stolenShare the share of the machine's CPU time the hypervisor gave to other guests while the
 *                    repetitions ran ({@link CpuTicks}); NaN when unknown
 * @param turns       which {@link Timer} call they came from (every {@link Timer#measure} is a call of
 *                    {@link Timer#measureInTurns} with one piece): timings of the same call (the same positive
 *                    number) ran round for round together, so they can be compared in pairs; 0 for timings not
 *                    from a {@link Timer}
 */
public record Stats(double[] inRounds, double stolenShare, long turns) {
  /** Timings without a stolen share (NaN), not from a {@link Timer}. */
  public Stats(double[] seconds) {
    this(seconds, Double.NaN, 0);
  }

  public Stats {
    if (inRounds.length == 0) {
      throw new IllegalArgumentException("Expected at least one timing, got none");
    }
    if (turns < 0) {
      throw new IllegalArgumentException("Expected turns >= 0, got " + turns);
    }
    inRounds = inRounds.clone();
  }

  public double median() {
    double[] s = seconds();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  public double min() {
    return seconds()[0];
  }

  public double max() {
    double[] s = seconds();
    return s[s.length - 1];
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
    return new Stats(s, stolenShare, turns);
  }

  /**
   * The median over rounds of this round's timing divided by {@code other}'s, when both were measured in the
   * same turns: a ratio of like with like, round by round, that a drift of the machine between rounds does not
   * move. Empty for timings measured apart.
   */
  public Optional<Double> pairedRatio(Stats other) {
    if (turns == 0 || turns != other.turns || inRounds.length != other.inRounds.length) {
      return Optional.empty();
    }
    double[] ratios = new double[inRounds.length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = inRounds[r] / other.inRounds[r];
    }
    return Optional.of(new Stats(ratios).median());
  }

  /** The timings, fastest first. */
  public double[] seconds() {
    double[] s = inRounds.clone();
    Arrays.sort(s);
    return s;
  }

  @Override
  public double[] inRounds() {
    return inRounds.clone();
  }
}

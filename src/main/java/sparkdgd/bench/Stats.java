package sparkdgd.bench;

import java.util.Arrays;

/**
 * Timed repetitions of one measurement, in seconds: median, min, max.
 *
 * @param stolenShare the share of the machine's CPU time the hypervisor gave to other guests while the
 *                    repetitions ran ({@link CpuTicks}); NaN when unknown
 */
public record Stats(double[] seconds, double stolenShare) {
  /** Timings without a stolen share (NaN). */
  public Stats(double[] seconds) {
    this(seconds, Double.NaN);
  }

  public Stats {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("Expected at least one timing, got none");
    }
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

  /** Every timing times {@code factor}; the same stolen share. */
  public Stats scaled(double factor) {
    double[] s = seconds.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] *= factor;
    }
    return new Stats(s, stolenShare);
  }

  @Override
  public double[] seconds() {
    return seconds.clone();
  }
}

package sparkdgd.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time so far, in clock ticks, from the first line of Linux's {@code /proc/stat}: all of it,
 * and "steal", the time a virtual CPU was ready to run while the hypervisor ran another guest. On a shared
 * virtual machine, stolen time slows a measurement from outside; its share tells a reader how far to trust
 * the run.
 *
 * @param total  every counter of the line added (guest time is already inside user time)
 * @param stolen the steal counter
 */
public record CpuTicks(long total, long stolen) {
  /** What {@link #read()} gives where {@code /proc/stat} cannot be read: every share from it is unknown. */
  public static final CpuTicks UNKNOWN = new CpuTicks(-1, -1);
  /** No ticks: the start of a sum of spans ({@link #plus}). */
  public static final CpuTicks ZERO = new CpuTicks(0, 0);

  private static final Path PROC_STAT = Path.of("/proc/stat");
  private static final int COUNTERS = 8; // user nice system idle iowait irq softirq steal

  /** This machine's counters now, or {@link #UNKNOWN}. */
  public static CpuTicks read() {
    try (BufferedReader in = Files.newBufferedReader(PROC_STAT, StandardCharsets.US_ASCII)) {
      String first = in.readLine();
      return first == null ? UNKNOWN : parse(first);
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
  }

  /** Parses {@code cpu user nice system idle iowait irq softirq steal [guest guest_nice]}. */
  static CpuTicks parse(String line) {
    String[] f = line.trim().split("\\s+");
    if (f.length < COUNTERS + 1 || !f[0].equals("cpu")) {
      throw new IllegalArgumentException("Expected /proc/stat's first line, \"cpu\" and at least " + COUNTERS
          + " counters, got: " + line);
    }
    long total = 0;
    for (int i = 1; i <= COUNTERS; i++) {
      total += Long.parseLong(f[i]);
    }
    return new CpuTicks(total, Long.parseLong(f[COUNTERS]));
  }

  /** The share of the CPU time from this reading to {@code later} that was stolen; NaN if unknown or no tick passed. */
  public double stolenShareUntil(CpuTicks later) {
    return until(later).stolenShare();
  }

  /** The ticks spent from this reading to {@code later}; {@link #UNKNOWN} if either is. */
  public CpuTicks until(CpuTicks later) {
    return known() && later.known() ? new CpuTicks(later.total - total, later.stolen - stolen) : UNKNOWN;
  }

  /** Two spans' ticks added; {@link #UNKNOWN} if either is. */
  public CpuTicks plus(CpuTicks other) {
    return known() && other.known() ? new CpuTicks(total + other.total, stolen + other.stolen) : UNKNOWN;
  }

  /** Of a span's ticks, the share stolen; NaN if unknown or no tick passed. */
  public double stolenShare() {
    return known() && total > 0 ? (double) stolen / total : Double.NaN;
  }

  private boolean known() {
    return total >= 0;
  }
}

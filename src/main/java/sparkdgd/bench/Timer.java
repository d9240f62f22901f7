package sparkdgd.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a measurement {@code warmup} times untimed, then {@code repetitions} times timed (wall clock). A full
 * garbage collection comes first, so the garbage of what ran before (building and caching data sets) is not
 * collected inside this measurement's timings; the garbage a measurement makes itself is its own cost.
 *
 * <p>A fixed warm-up is not always enough on a 2-core machine: the JIT compiles the code a measurement runs
 * on the same cores, and an epoch right after its data was cached ran at 150-200 ms while the compiler was
 * busy and at 105-125 ms once it was quiet. So when the last warm-up run still saw the JIT compile more
 * than the larger of {@link #QUIET_MILLIS} ms and {@link #QUIET_SHARE} of the run, more untimed runs follow
 * until one is quiet: at most {@link #MAX_EXTRA_RUNS}, started within {@link #MAX_EXTRA_SECONDS} seconds.
 * A warm-up of 0 runs means none at all.
 *
 * <p>The machine's CPU counters are read around every timed run, and the {@link Stats} carry the share of
 * CPU time stolen by the hypervisor during them.
 *
 * @param jitMillis the JIT's total compilation time so far in ms (always 0 where the JVM does not report it,
 *                  so every run counts as quiet)
 * @param cpu       the machine's CPU counters now ({@link CpuTicks#UNKNOWN} where they cannot be read)
 */
public record Timer(int warmup, int repetitions, LongSupplier jitMillis, Supplier<CpuTicks> cpu) {
  static final long QUIET_MILLIS = 10;
  static final double QUIET_SHARE = 0.05;
  static final int MAX_EXTRA_RUNS = 30;
  static final double MAX_EXTRA_SECONDS = 20;
  private static final AtomicLong TURNS = new AtomicLong();

  public Timer {
    if (warmup < 0 || repetitions < 1 || jitMillis == null || cpu == null) {
      throw new IllegalArgumentException("Expected warmup >= 0, repetitions >= 1, a JIT clock and CPU counters, got "
          + warmup + ", " + repetitions + ", " + jitMillis + ", " + cpu);
    }
  }

  /** A timer that reads this JVM's JIT compilation time and this machine's CPU counters. */
  public Timer(int warmup, int repetitions) {
    this(warmup, repetitions, jvmJitMillis(), CpuTicks::read);
  }

  /** A piece of work to time; may throw. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  public Stats measure(Work work) throws Exception {
    return measureInTurns(List.of(work)).get(0);
  }

  /**
   * Measures several pieces of work in turns, so that they see the same state of the machine: each is warmed
   * up as above, one after the other; then each of {@code repetitions} rounds runs every piece once, timed,
   * in the order {@link #pieceInTurn} gives. On a shared machine whose memory bandwidth drifts
   * from minute to minute, the ratios of pieces measured together compare like with like. Each piece's stolen
   * share covers its own timed runs, and the returned timings share one {@link Stats#turns} number, so their
   * ratios can also be taken round by round ({@link Stats#pairedRatio}).
   *
   * @return the pieces' timings, in the order given
   */
  public List<Stats> measureInTurns(List<Work> works) throws Exception {
    System.gc();
    for (Work work : works) {
      warmUp(work);
    }
    int n = works.size();
    double[][] seconds = new double[n][repetitions];
    CpuTicks[] spent = new CpuTicks[n];
    Arrays.fill(spent, CpuTicks.ZERO);
    for (int round = 0; round < repetitions; round++) {
      for (int k = 0; k < n; k++) {
        int piece = pieceInTurn(round, k, n);
        CpuTicks before = cpu.get();
        long start = System.nanoTime();
        works.get(piece).run();
        seconds[piece][round] = (System.nanoTime() - start) / 1e9;
        spent[piece] = spent[piece].plus(before.until(cpu.get()));
      }
    }
    List<Stats> stats = new ArrayList<>(n);
    long turns = newTurns();
    for (int piece = 0; piece < n; piece++) {
      stats.add(new Stats(seconds[piece], spent[piece].stolenShare(), turns));
    }
    return stats;
  }

  /** A new {@link Stats#turns} number, for timings taken in turns by hand. */
  public static long newTurns() {
    return TURNS.incrementAndGet();
  }

  /** {@link #measureInTurns(List)} over the values of {@code works}, keyed as given, in its iteration order. */
  public <K> Map<K, Stats> measureInTurns(Map<K, Work> works) throws Exception {
    List<K> keys = List.copyOf(works.keySet());
    List<Stats> stats = measureInTurns(List.copyOf(works.values()));
    Map<K, Stats> byKey = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      byKey.put(keys.get(i), stats.get(i));
    }
    return byKey;
  }

  /**
   * The piece run {@code k}-th in {@code round}: rounds start one piece later each time, and every other round
   * goes backwards, so no piece always follows the same one (and inherits, say, its garbage).
   */
  static int pieceInTurn(int round, int k, int n) {
    return round % 2 == 0 ? (round + k) % n : Math.floorMod(round - k, n);
  }

  /** The fixed warm-up runs, then more while the JIT is busy (see the class comment). */
  private void warmUp(Work work) throws Exception {
    boolean quiet = true;
    for (int i = 0; i < warmup; i++) {
      quiet = runAndCheckJitQuiet(work);
    }
    double extraSeconds = 0;
    for (int i = 0; !quiet && i < MAX_EXTRA_RUNS && extraSeconds < MAX_EXTRA_SECONDS; i++) {
      long start = System.nanoTime();
      quiet = runAndCheckJitQuiet(work);
      extraSeconds += (System.nanoTime() - start) / 1e9;
    }
  }

  /** Runs {@code work} once; returns whether the JIT compiled little enough meanwhile. */
  private boolean runAndCheckJitQuiet(Work work) throws Exception {
    long compiledBefore = jitMillis.getAsLong();
    long start = System.nanoTime();
    work.run();
    double runMillis = (System.nanoTime() - start) / 1e6;
    long compiled = jitMillis.getAsLong() - compiledBefore;
    return compiled <= Math.max(QUIET_MILLIS, QUIET_SHARE * runMillis);
  }

  private static LongSupplier jvmJitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit::getTotalCompilationTime : () -> 0L;
  }
}

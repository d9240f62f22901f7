package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import sparkdgd.output.Counts;

/** The benchmark's results as Markdown: the machine and command, then per size a table of times and ratios. */
public final class BenchmarkReport {
  static final String STOLEN_NOTE = " of the machine's CPU time (Linux /proc/stat \"steal\": time a virtual CPU "
      + "was ready to run while the host ran another guest; counted in 10 ms ticks). On a shared virtual machine "
      + "it is one thing that moves timings from run to run (contention for memory bandwidth, which it does not "
      + "show, is another); the tables give it for each measurement's timed runs";

  private BenchmarkReport() {}

  public static String markdown(Machine machine, String command, BenchmarkConfig config,
      JobPathWarmup.Result warmed, String kernelsWarmed, double bandwidthBytesPerSecond, int bandwidthThreads,
      List<SizeResult> results, double stolenShare) {
    StringBuilder md = new StringBuilder();
    md.append("# spark-dgd benchmark\n\n");
    md.append("- Machine: ").append(machine.line()).append('\n');
    md.append("- Command: `").append(command).append("`\n");
    String warmup = config.warmup() == 0 ? "no warm-up" : String.format(Locale.ROOT, "warm-up %s (and more, "
        + "at most %d runs started within %.0f s, while the JIT compiles)", Counts.of(config.warmup(), "run"),
        Timer.MAX_EXTRA_RUNS, Timer.MAX_EXTRA_SECONDS);
    md.append(String.format(Locale.ROOT, "- Settings: %s, %d rows per block, %s, repetitions %d, "
            + "seed %d; data cached in memory (MEMORY_ONLY) before timing\n",
        Counts.of(config.partitions(), "partition"), config.blockRows(), warmup, config.repetitions(), config.seed()));
    md.append("- ").append(warmed.line()).append('\n');
    md.append("- ").append(kernelsWarmed).append('\n');
    md.append(String.format(Locale.ROOT,
        "- Read bandwidth at the start: %.2f GB/s (median; sum of a %d MiB double[] on %d threads). Each size's "
            + "read bounds come from reading its own blocks, in turns with its epoch, MLlib and loops%n",
        bandwidthBytesPerSecond / 1e9, config.bandwidthMib(), bandwidthThreads));
    md.append("- CPU stolen by the hypervisor over the whole run: ").append(percent(stolenShare)).append(STOLEN_NOTE)
        .append('\n');
    for (SizeResult r : results) {
      appendSize(md, r);
    }
    appendRowScaling(md, results);
    return md.toString();
  }

  /**
   * For every two sizes with the same features: how our epoch grew with the rows. Linear cost is an epoch
   * ratio equal to the rows' ratio; a smaller one means the per-epoch fixed cost was amortised.
   */
  static void appendRowScaling(StringBuilder md, List<SizeResult> results) {
    List<String> rows = new ArrayList<>();
    for (SizeResult small : results) {
      for (SizeResult large : results) {
        DataSpec a = small.spec();
        DataSpec b = large.spec();
        Optional<Stats> ea = small.get(Measure.OURS_F64);
        Optional<Stats> eb = large.get(Measure.OURS_F64);
        if (a.features() == b.features() && b.rows() > a.rows() && ea.isPresent() && eb.isPresent()) {
          rows.add(String.format(Locale.ROOT, "| %s to %s | %.2f | %s to %s | %.2f |%n",
              new Size(a.rows(), a.features()).label(), new Size(b.rows(), b.features()).label(),
              (double) b.rows() / a.rows(), time(ea.get().median()), time(eb.get().median()),
              eb.get().median() / ea.get().median()));
        }
      }
    }
    if (!rows.isEmpty()) {
      md.append("\n## Our epoch against the rows\n\n| sizes | rows ratio | epoch (float64, medians) | epoch ratio |\n"
          + "|---|---:|---|---:|\n");
      rows.forEach(md::append);
    }
  }

  static void appendSize(StringBuilder md, SizeResult r) {
    DataSpec s = r.spec();
    md.append(String.format(Locale.ROOT, "%n## %s%n%n", new Size(s.rows(), s.features()).label()));
    md.append(String.format(Locale.ROOT, "%,d rows x %d features; packed blocks %s (float64), %s (float32).%n%n",
        s.rows(), s.features(), bytes(s.blockBytes(Double.BYTES)), bytes(s.blockBytes(Float.BYTES))));
    md.append("| measurement | median | min | max | CPU stolen | how |\n|---|---:|---:|---:|---:|---|\n");
    for (Measure m : Measure.values()) {
      String label = m.label(r.plainThreads());
      Optional<Stats> st = r.get(m);
      if (st.isPresent()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", label, time(st.get().median()),
            time(st.get().min()), time(st.get().max()), percent(st.get().stolenShare()), how(m, r)));
      } else {
        md.append("| ").append(label).append(" | not measured | | | | |\n");
      }
    }
    md.append("\n| ratio | of medians | of minima | paired: median of the rounds' ratios |\n|---|---:|---:|---:|\n");
    ratio(md, "MLlib GradientDescent iteration / our epoch (float64): how many times faster ours is",
        r, Measure.MLLIB_ITERATION, Measure.OURS_F64);
    ratio(md, String.format(Locale.ROOT, "our epoch (float64) / plain Java, %d threads", r.plainThreads()),
        r, Measure.OURS_F64, Measure.PLAIN_ALL);
    ratio(md, "our epoch float64 / float32", r, Measure.OURS_F64, Measure.OURS_F32);
    ratio(md, "our epoch on resident tasks, float64 / float32: without a job's floor", r, Measure.OURS_RESIDENT_F64,
        Measure.OURS_RESIDENT_F32);
    ratio(md, "our epoch on resident tasks, float64 / our float32 kernel in cache: about the most float32 blocks "
        + "could save here (a float32 epoch runs that loop over the same rows)", r, Measure.OURS_RESIDENT_F64,
        Measure.KERNEL_F32_IN_CACHE);
    ratio(md, "our float64 kernel in cache / our float32 kernel in cache: the float32 loop's compute against the "
        + "float64 loop's", r, Measure.KERNEL_F64_IN_CACHE, Measure.KERNEL_F32_IN_CACHE);
    ratio(md, "our epoch over serialized blocks, float64 / float32: half the bytes where an epoch reads bytes",
        r, Measure.OURS_SER_F64, Measure.OURS_SER_F32);
    ratio(md, "our epoch / mini-batch iteration (fraction 0.01)", r, Measure.OURS_F64, Measure.OURS_MINI_BATCH);
    ratio(md, "our epoch / mini-batch iteration in runs of 64 rows (fraction 0.01)", r, Measure.OURS_F64,
        Measure.OURS_MINI_BATCH_RUNS);
    ratio(md, "our epoch / mini-batch iteration on resident tasks (fraction 0.01)", r, Measure.OURS_F64,
        Measure.OURS_RESIDENT_MINI_BATCH);
    ratio(md, "our epoch on resident tasks / mini-batch iteration on resident tasks", r, Measure.OURS_RESIDENT_F64,
        Measure.OURS_RESIDENT_MINI_BATCH);
    ratio(md, "our epoch on resident tasks / mini-batch iteration in runs of 64 rows on resident tasks", r,
        Measure.OURS_RESIDENT_F64, Measure.OURS_RESIDENT_MINI_BATCH_RUNS);
    ratio(md, "our epoch on resident tasks / mini-batch iteration in runs of 64 rows on resident tasks, in a row of "
        + SizeBenchmark.BATCHES_IN_A_ROW, r, Measure.OURS_RESIDENT_F64, Measure.OURS_RESIDENT_MINI_BATCH_RUNS_IN_A_ROW);
    ratio(md, "our epoch on resident tasks / mini-batch iteration in runs of a block on resident tasks", r,
        Measure.OURS_RESIDENT_F64, Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS);
    ratio(md, "our epoch on resident tasks / mini-batch iteration in runs of a block on resident tasks, in a row of "
        + SizeBenchmark.BATCHES_IN_A_ROW, r, Measure.OURS_RESIDENT_F64,
        Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS_IN_A_ROW);
    ratio(md, String.format(Locale.ROOT, "our epoch on resident tasks / plain Java, %d threads, in the same turns",
        r.plainThreads()), r, Measure.OURS_RESIDENT_F64, Measure.PLAIN_ALL_BESIDE_RESIDENT);
    ratio(md, "MLlib GradientDescent iteration / our epoch on resident tasks", r, Measure.MLLIB_ITERATION,
        Measure.OURS_RESIDENT_F64);
    ratio(md, "our epoch (float64) / empty Spark job", r, Measure.OURS_F64, Measure.EMPTY_JOB);
    ratio(md, String.format(Locale.ROOT, "plain Java, %d threads / read bound (float64): kernel vs read bound",
        r.plainThreads()), r, Measure.PLAIN_ALL, Measure.READ_F64);
    ratio(md, String.format(Locale.ROOT, "our block kernel, %d threads / read bound (float64)", r.plainThreads()),
        r, Measure.KERNEL_ALL, Measure.READ_F64);
    ratio(md, String.format(Locale.ROOT, "our epoch (float64) / our block kernel, %d threads: what Spark adds",
        r.plainThreads()), r, Measure.OURS_F64, Measure.KERNEL_ALL);
    ratio(md, "our epoch (float64) / read bound (float64)", r, Measure.OURS_F64, Measure.READ_F64);
    ratio(md, "ml LinearRegression fit (l-bfgs) / our epoch (float64)", r, Measure.ML_LBFGS, Measure.OURS_F64);
    CoefficientCheck c = r.check();
    md.append(String.format(Locale.ROOT, "%nCorrectness: %s from zero of MLlib (stepSize s = %.6g, "
            + "SimpleUpdater: s/sqrt(i) times the mean of (w.x - y) x) and of ours (learning rate s/(2 sqrt(i)) times "
            + "the MSE gradient (2/n) sum (w.x + b - y) x, no standardization): the same update. "
            + "max |w_ours - w_mllib| / max |w_mllib| = %.2e: %s (tolerance %.0e).%n",
        Counts.of(c.iterations(), "iteration"), c.mllibStep(), c.relativeDifference(),
        c.agrees() ? "agree" : "DISAGREE", CoefficientCheck.TOLERANCE));
    for (String note : r.notes()) {
      md.append('\n').append(note).append('\n');
    }
  }

  private static String how(Measure m, SizeResult r) {
    DataSpec s = r.spec();
    return switch (m) {
      case MLLIB_ITERATION -> String.format(Locale.ROOT, m.how(), r.mllibIterations(), r.mllibIterations())
          + " (each call also runs one count())";
      case READ_F64 -> String.format(Locale.ROOT, m.how(), bytes(s.blockBytes(Double.BYTES)));
      case READ_F32 -> String.format(Locale.ROOT, m.how(), bytes(s.blockBytes(Float.BYTES)));
      case KERNEL_F64_IN_CACHE -> String.format(Locale.ROOT, m.how(), bytes(SizeBenchmark.IN_CACHE_BYTES));
      default -> m.how();
    };
  }

  private static void ratio(StringBuilder md, String label, SizeResult r, Measure a, Measure b) {
    md.append("| ").append(label).append(" | ").append(twoDecimals(r.ratio(a, b))).append(" | ")
        .append(twoDecimals(r.ratioOfMinima(a, b))).append(" | ")
        .append(r.pairedRatio(a, b).map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("-")).append(" |\n");
  }

  private static String twoDecimals(Optional<Double> value) {
    return value.map(v -> String.format(Locale.ROOT, "%.2f", v)).orElse("not measured");
  }

  /** A share as a percentage with one decimal, or "unknown" for NaN. */
  static String percent(double share) {
    return Double.isNaN(share) ? "unknown" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String time(double seconds) {
    if (seconds >= 10) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    if (seconds >= 1) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds >= 0.01) {
      return String.format(Locale.ROOT, "%.0f ms", seconds * 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms", seconds * 1e3);
  }

  static String bytes(long b) {
    return b >= 1e9 ? String.format(Locale.ROOT, "%.2f GB", b / 1e9)
        : b >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", b / 1e6)
        : String.format(Locale.ROOT, "%.1f kB", b / 1e3);
  }
}

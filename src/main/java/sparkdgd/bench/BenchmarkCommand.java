package sparkdgd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sparkdgd.cli.WholeNumber;

/** {@code benchmark}: times our epoch against MLlib, ML, a plain Java loop, an empty job and the memory bound. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    header = "Times our epoch, side by side, against MLlib, Spark ML and a plain Java loop on the same cached data.",
    description = {
        "Builds synthetic data in memory on the executors (y = w.x + b + noise, seeded), caches",
        "it, and times with warm-up and repetitions (median, min, max): our epoch on float64 and",
        "float32 blocks, one MLlib GradientDescent iteration, ml LinearRegression whole fits, a",
        "plain Java loop over the same arrays (1 and all threads), an empty Spark job and the read",
        "bound (one read of the same arrays). Checks that ours and MLlib's gradient descent reach",
        "the same coefficients. Prints a Markdown table of times and ratios",
        "(of medians and of minima), each row with the CPU time the hypervisor stole during it.",
        "Our epochs, the mini-batch, the empty job, MLlib, the loops and the read are timed in",
        "turns, so their ratios see the same machine, and are also given paired: the median of",
        "each round's ratio. Before any size, our loops are compiled for every size's feature",
        "count, as a training run compiles them first (MLlib and Spark ML run the JDK's Vector API",
        "in the same JVM). Full sizes need a quiet machine:",
        "docs/BENCHMARKS.md.",
        ""},
    footer = {"", "Exit codes: 0 done (even if the check disagrees: the table says so); 1 failure while running; "
        + "2 bad flag."})
public final class BenchmarkCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  @Spec
  CommandSpec spec;

  @Option(names = "--sizes", paramLabel = "ROWSxD", split = ",", defaultValue = "1e7x10,1e6x100",
      description = "Data sizes to measure, one after the other. Default: ${DEFAULT-VALUE}")
  List<String> sizes;

  @Option(names = "--rows", converter = WholeNumber.class, paramLabel = "N",
      description = "Measure the single size N x D instead of --sizes (needs --features).")
  Long rows;

  @Option(names = "--features", converter = WholeNumber.Int.class, paramLabel = "D",
      description = "Number of features of the single size (needs --rows).")
  Integer features;

  @Option(names = "--partitions", converter = WholeNumber.Int.class, paramLabel = "P", defaultValue = "4",
      description = "Partitions of every cached data set. Default: ${DEFAULT-VALUE}")
  int partitions;

  @Option(names = "--block-rows", converter = WholeNumber.Int.class, paramLabel = "N", defaultValue = "4096",
      description = "Rows per packed block (the trainer's default up to 15 dense features; from 16 on the trainer "
          + "takes fewer). Default: ${DEFAULT-VALUE}")
  int blockRows;

  @Option(names = "--warmup-jobs", converter = WholeNumber.Int.class, paramLabel = "J", defaultValue = "600",
      description = "Empty Spark jobs run after the read-bandwidth sweep and before the sizes are measured, so "
          + "that Spark's scheduling code is compiled by the JIT as in a long training run (an empty job took about "
          + "26 ms over a fresh driver's first 25 jobs and 6 ms over the last 25 of 600 on a 2-core machine). The "
          + "report gives the medians of the "
          + "first and the last 25. 0 = none. Default: ${DEFAULT-VALUE}")
  int warmupJobs;

  @Option(names = "--warmup", converter = WholeNumber.Int.class, paramLabel = "W", defaultValue = "2",
      description = "Untimed runs before each measurement; more follow (at most 30 runs, started within 20 s) "
          + "while the last one saw the JIT compile more than the larger of 10 ms and 5%% of its time. 0 = no "
          + "warm-up at all. Default: ${DEFAULT-VALUE}")
  int warmup;

  @Option(names = "--repetitions", converter = WholeNumber.Int.class, paramLabel = "R", defaultValue = "5",
      description = "Timed runs of each measurement (median, min, max); for the rows timed in turns, the number "
          + "of rounds. Default: ${DEFAULT-VALUE}")
  int repetitions;

  @Option(names = "--seed", paramLabel = "K", defaultValue = "1",
      description = "Seed of the synthetic data. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--mllib-iterations", converter = WholeNumber.Int.class, paramLabel = "M", defaultValue = "5",
      description = "Iterations per timed MLlib call; time per iteration = call time / M. Default: ${DEFAULT-VALUE}")
  int mllibIterations;

  @Option(names = "--check-iterations", converter = WholeNumber.Int.class, paramLabel = "K", defaultValue = "10",
      description = "Iterations of ours and of MLlib's gradient descent compared. Default: ${DEFAULT-VALUE}")
  int checkIterations;

  @Option(names = "--check-step", paramLabel = "S", defaultValue = "0",
      description = "MLlib stepSize of the check (ours uses S/(2 sqrt(i))); 0 = 1/(1/12 + D/4 + 1), stable for "
          + "this data. Default: ${DEFAULT-VALUE}")
  double checkStep;

  @Option(names = "--bandwidth-mib", converter = WholeNumber.Int.class, paramLabel = "MIB", defaultValue = "512",
      description = "Size of the array summed to measure the read bandwidth. Default: ${DEFAULT-VALUE}")
  int bandwidthMib;

  @Option(names = "--no-ml", description = "Skip the ml LinearRegression fits (the slowest part).")
  boolean noMl;

  @Option(names = "--output", paramLabel = "FILE.md",
      description = "Also write the Markdown report to this local file (replaced if it exists; a name ending in / "
          + "is refused). Default: print only.")
  String output;

  @Option(names = "--verbose", description = "Show Spark's INFO logs and stack traces of errors.")
  boolean verbose;

  public BenchmarkCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    BenchmarkConfig config;
    try {
      config = configFor();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage() + " (see benchmark --help)");
      return 2;
    }
    try (BenchSession session = BenchSession.useOrStart(verbose)) {
      Outcome outcome = run(session.session(), config, commandLine(), out);
      String report = outcome.markdown();
      if (!outcome.checksAgree()) {
        err.println("warning: ours and MLlib's gradient descent disagree beyond the tolerance; see the table");
      }
      out.println();
      out.print(report);
      if (output != null) {
        Path file = Path.of(output);
        write(file, report);
        out.println();
        out.println("Wrote " + file.toAbsolutePath());
      }
      return 0;
    } catch (Exception e) {
      err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + (verbose ? "" : " (run with --verbose for details)"));
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The report and whether every size's correctness check agreed. */
  public record Outcome(String markdown, List<SizeResult> results, boolean checksAgree) {}

  /** Runs every size and returns the Markdown report; progress lines go to {@code progress}. */
  public static Outcome run(SparkSession spark, BenchmarkConfig config, String command, PrintStream progress)
      throws Exception {
    CpuTicks start = CpuTicks.read();
    int threads = Runtime.getRuntime().availableProcessors();
    progress.println("benchmark: read bandwidth");
    try (ReadBandwidth bw = new ReadBandwidth(config.bandwidthMib(), threads)) {
      Stats sweep = new Timer(config.warmup(), config.repetitions()).measure(bw::sweep);
      // After the sweep, which would otherwise share the cores with the JIT compiling what the jobs ran.
      progress.printf("benchmark: warming Spark's job path (%d empty jobs)%n", config.warmupJobs());
      JobPathWarmup.Result warmed = JobPathWarmup.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
          config.partitions(), config.warmupJobs());
      progress.println("benchmark: compiling our loops for every size's feature count");
      String kernelsWarmed = KernelWarmup.run(config.sizes(), config.blockRows());
      SizeBenchmark bench = new SizeBenchmark(spark, config, progress);
      List<SizeResult> results = new ArrayList<>();
      for (Size size : config.sizes()) {
        results.add(bench.run(size));
      }
      Machine machine = Machine.current(spark.version(), spark.sparkContext().master());
      String md = BenchmarkReport.markdown(machine, command, config, warmed, kernelsWarmed,
          bw.bytes() / sweep.median(), threads, results, start.stolenShareUntil(CpuTicks.read()));
      return new Outcome(md, List.copyOf(results), results.stream().allMatch(r -> r.check().agrees()));
    }
  }

  private BenchmarkConfig configFor() {
    if (output != null && output.endsWith("/")) {
      // Path.of would drop the slash, and the report would become a file named as the directory
      throw new IllegalArgumentException(String.format("--output %s ends with '/', a directory; benchmark writes one "
          + "Markdown report: name the file, e.g. %sbenchmark.md", output, output));
    }
    List<Size> chosen = new ArrayList<>();
    if (rows != null || features != null) {
      if (rows == null || features == null) {
        throw new IllegalArgumentException("--rows and --features go together (or use --sizes)");
      }
      if (spec.commandLine().getParseResult().hasMatchedOption("--sizes")) {
        throw new IllegalArgumentException("give either --sizes or --rows with --features, not both");
      }
      chosen.add(new Size(rows, features));
    } else {
      for (String s : sizes) {
        chosen.add(Size.parse(s));
      }
    }
    return new BenchmarkConfig(chosen, partitions, blockRows, warmupJobs, warmup, repetitions, seed, mllibIterations,
        checkIterations, checkStep, bandwidthMib, !noMl, output);
  }

  /** The command as the user typed it: submit.sh exports it; otherwise rebuilt from the arguments. */
  private String commandLine() {
    String typed = System.getenv("SPARK_DGD_COMMAND");
    if (typed != null && !typed.isBlank()) {
      return typed;
    }
    return "./submit.sh " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
  }

  private static void write(Path file, String text) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

package sparkdgd.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkdgd.cli.WholeNumber;
import sparkdgd.config.GenerateConfig;
import sparkdgd.config.GeneratedLabels;
import sparkdgd.config.InputFormat;
import sparkdgd.generate.DataGenerator;
import sparkdgd.output.Counts;

/** {@code benchmark-loading}: files to cached training data, ours against Spark's readers (+ VectorAssembler). */
@Command(name = "benchmark-loading", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    header = "Times CSV, Parquet and LIBSVM into cached training data: ours against Spark's readers.",
    description = {
        "Generates the same rows as CSV, as Parquet and as LIBSVM (one file per partition, in --dir),",
        "then times, alternating, with warm-up and repetitions (median, min, max), two ways from files",
        "to cached training data: ours (the trainer's reader into packed blocks, cached MEMORY_ONLY and",
        "counted) and Spark ML's usual one (spark.read and VectorAssembler; for LIBSVM Spark's libsvm",
        "source, numFeatures given as ours is given --num-features; cache MEMORY_ONLY, count). Prints",
        "a Markdown table with the ratio. Needs a quiet machine: docs/BENCHMARKS.md.",
        ""},
    footer = {"", "Exit codes: 0 done; 1 failure while running; 2 bad flag."})
public final class LoadingBenchmarkCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "2000000", converter = WholeNumber.class,
      description = "Rows generated, a whole number, also as 2e6 (default: ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--features", converter = WholeNumber.Int.class, paramLabel = "D", defaultValue = "10",
      description = "Features per row (default: ${DEFAULT-VALUE}).")
  int features;

  @Option(names = "--partitions", converter = WholeNumber.Int.class, paramLabel = "P", defaultValue = "4",
      description = "Files generated per format, and partitions of both cached results (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--formats", paramLabel = "F,..", split = ",", defaultValue = "parquet,csv",
      description = "Formats compared, of csv, parquet and libsvm (default: ${DEFAULT-VALUE}).")
  List<String> formats;

  @Option(names = "--warmup", converter = WholeNumber.Int.class, paramLabel = "W", defaultValue = "1",
      description = "Untimed loads of each way first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--repetitions", converter = WholeNumber.Int.class, paramLabel = "R", defaultValue = "3",
      description = "Timed loads of each way (default: ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the generated files go (default: a new temporary directory, deleted at the end).")
  Path dir;

  @Option(names = "--verbose", description = "Show Spark's INFO logs and stack traces of errors.")
  boolean verbose;

  public LoadingBenchmarkCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    List<InputFormat> chosen = new ArrayList<>();
    try {
      for (String f : formats) {
        chosen.add(InputFormat.parse(f));
      }
    } catch (IllegalArgumentException e) {
      err.println("error: --formats: " + e.getMessage() + " (see benchmark-loading --help)");
      return 2;
    }
    if (rows < 1 || features < 1 || partitions < 1 || warmup < 0 || repetitions < 1) {
      err.println("error: --rows, --features, --partitions and --repetitions must be >= 1, and --warmup >= 0"
          + " (see benchmark-loading --help)");
      return 2;
    }
    Path work = dir;
    try (BenchSession session = BenchSession.useOrStart(verbose)) {
      if (work == null) {
        work = Files.createTempDirectory("benchmark-loading");
      }
      SparkSession spark = session.session();
      List<String> names = new ArrayList<>();
      for (int j = 1; j <= features; j++) {
        names.add("x" + j); // generate's column names
      }
      LoadingBenchmark bench = new LoadingBenchmark(spark, names, "y", partitions);
      List<String> rowsOut = new ArrayList<>();
      for (InputFormat format : chosen) {
        String path = work.resolve(format.toString()).toUri().toString();
        out.println("benchmark-loading: generating " + rows + " x " + features + " as " + format + " in " + path);
        DataGenerator.run(spark, new GenerateConfig(rows, features, 0, GeneratedLabels.LINEAR, 0.1, 1,
            GenerateConfig.defaultCoefficients(features, 1), 0.5, format, partitions, path, true, verbose));
        double[] ours = new double[repetitions];
        double[] theirs = new double[repetitions];
        for (int i = 0; i < warmup + repetitions; i++) { // alternating, so both see the machine in the same state
          long a = System.nanoTime();
          long oursRows = bench.ours(path, format).rows();
          long b = System.nanoTime();
          long theirRows = bench.sparkReader(path, format).rows();
          long c = System.nanoTime();
          if (oursRows != rows || theirRows != rows) {
            throw new IllegalStateException("loaded " + oursRows + " and " + theirRows + " rows of " + rows);
          }
          if (i >= warmup) {
            ours[i - warmup] = (b - a) / 1e9;
            theirs[i - warmup] = (c - b) / 1e9;
          }
          out.printf(Locale.ROOT, "  %s load %d: ours %.2f s, Spark reader + VectorAssembler %.2f s%n", format, i + 1,
              (b - a) / 1e9, (c - b) / 1e9);
        }
        long turns = Timer.newTurns();
        Stats o = new Stats(ours, Double.NaN, turns);
        Stats t = new Stats(theirs, Double.NaN, turns);
        long bytes = dataBytes(work.resolve(format.toString()));
        rowsOut.add(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.2fx | %.2fx |", format.toString(),
            bytes, cell(o), cell(t), t.median() / o.median(), t.pairedRatio(o).orElseThrow()));
      }
      out.println();
      out.printf(Locale.ROOT, "%,d rows x %d features, %s and %s, master %s; median (min-max) of %d, after %s%n%n",
          rows, features, Counts.of(partitions, "file"), partitions == 1 ? "partition" : "partitions",
          spark.sparkContext().master(), repetitions, Counts.of(warmup, "warm-up"));
      out.println("| format | bytes on disk | ours: read, pack, cache, count | Spark reader + VectorAssembler (LIBSVM: "
          + "Spark's libsvm source), cache, count | Spark / ours | paired: median of each round's ratio |");
      out.println("|---|---:|---:|---:|---:|---:|");
      rowsOut.forEach(out::println);
      return 0;
    } catch (Exception e) {
      err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + (verbose ? "" : " (run with --verbose for details)"));
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    } finally {
      if (dir == null && work != null) {
        deleteQuietly(work);
      }
    }
  }

  private static String cell(Stats s) {
    return String.format(Locale.ROOT, "%.2f s (%.2f-%.2f)", s.median(), s.min(), s.max());
  }

  private static long dataBytes(Path dir) throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-")).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory left behind is not worth failing the benchmark for
    }
  }
}

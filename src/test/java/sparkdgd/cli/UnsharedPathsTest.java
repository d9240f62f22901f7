package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.HostLocalFileSystem;
import sparkdgd.testing.SparkTestSession;

/**
 * Paths that the driver and the executors do not share, as a driver-local path given to a cluster of several hosts
 * is: {@link HostLocalFileSystem} plays the hosts in the one test JVM (what the tasks write stays out of the
 * driver's sight). Spark's writers report no error there: the driver commits no part file and writes {@code
 * _SUCCESS} beside nothing.
 */
@Tag("spark")
class UnsharedPathsTest {
  private static final String SHARE = "--output must be on a file system that the driver and every executor share "
      + "(hdfs://, s3a://, or a directory mounted at the same path on every host)";

  @BeforeAll
  static void hosts() {
    HostLocalFileSystem.register(SparkTestSession.get());
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** It wrote "Wrote ...: ..., spark-model/" with exit 0, and spark-model/metadata/ and data/ held only _SUCCESS. */
  @Test
  void aSparkModelWhosePartFilesStayedOnTheExecutorsIsRefused(@TempDir Path tmp) throws Exception {
    String output = HostLocalFileSystem.uri(tmp.resolve("out"));
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--output", output, "--epochs", "2", "--no-plots");
    assertEquals("error: --output " + output + ": the executors wrote spark-model/ where the driver cannot see it "
        + "(their part files did not reach the driver, which found only Spark's _SUCCESS marker), so nothing was "
        + "written; " + SHARE + ", or pass --no-spark-model (see --help)", run.refusedInOneLine(tmp.resolve("out")));
    assertFalse(run.out().contains("Wrote "), run.out());
    assertEquals(List.of(), names(tmp), "no output, no staging directory left");

    // what the driver writes itself needs no shared file system
    CliRun without = CliRun.of("--data", "sample-data/tutorial.csv", "--output", output, "--epochs", "2",
        "--no-plots", "--no-spark-model");
    assertEquals(0, without.code(), without.err());
    assertEquals(List.of("_SUCCESS", "history.csv", "metrics.json", "model.json"), names(tmp.resolve("out")));
  }

  /** Predict printed "Wrote 3 predictions" with exit 0 into a directory holding only _SUCCESS. */
  @Test
  void predictionsWhosePartFilesStayedOnTheExecutorsAreRefused(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b\n1,2\n3,4\n5,6\n");
    String output = HostLocalFileSystem.uri(tmp.resolve("scored"));
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output", output);
    assertEquals("error: --output " + output + ": the executors wrote the predictions where the driver cannot see "
        + "it (their part files did not reach the driver, which found only Spark's _SUCCESS marker), so nothing "
        + "was written; " + SHARE + " (see predict --help)", run.refusedInOneLine(tmp.resolve("scored")));
    assertEquals(List.of("data", "model"), names(tmp), "no output, no staging directory left");
  }

  /**
   * An input of no rows is scored into one part file of no rows by partition 0's task (Spark writes it so that a
   * Parquet output keeps its schema): not taken for part files that stayed on the executors, on a shared path; on
   * an unshared one, where that file stays on an executor, no row is lost and the run is not refused either.
   */
  @Test
  void anInputOfNoRowsIsScoredNotRefused(@TempDir Path tmp) throws Exception {
    StructType schema = new StructType().add("a", DataTypes.DoubleType, false).add("b", DataTypes.DoubleType, false);
    Path data = tmp.resolve("empty.parquet");
    SparkTestSession.get().createDataFrame(List.of(), schema).write().parquet(data.toString());
    Path model = PredictCommandTest.model(tmp);
    for (String output : List.of(tmp.resolve("shared").toString(), HostLocalFileSystem.uri(tmp.resolve("unshared")))) {
      CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output", output,
          "--output-format", "parquet");
      assertEquals(0, run.code(), run.err());
      assertTrue(run.out().contains("Wrote 0 predictions (parquet)"), run.out());
      assertTrue(run.err().contains("warning: the input has no data rows"), run.err()); // a warning, not a refusal
    }
    assertEquals(1, names(tmp.resolve("shared")).stream().filter(n -> n.startsWith("part-")).count());
    assertEquals(List.of("_SUCCESS", "_predict.json"), names(tmp.resolve("unshared")));
  }

  private static final String VISIBLE = ": the executors cannot find this file, which the driver can read: a file "
      + "the tasks read must be visible to every executor, on a shared file system (hdfs://, s3a://, or the same "
      + "path mounted on every worker)";

  /**
   * Data the driver lists but the executors cannot open failed after every task attempt with exit 1 and "error:
   * SparkException: Job aborted due to stage failure: ... java.io.FileNotFoundException: File F does not exist".
   */
  @Test
  void dataOnlyTheDriverCanSeeIsNamedWithTheFix(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(HostLocalFileSystem.DRIVER_ONLY));
    String csv = HostLocalFileSystem.uri(Files.copy(Path.of("sample-data/tutorial.csv"), dir.resolve("t.csv")));
    CliRun run = CliRun.of("--data", csv, "--output", tmp.resolve("out").toString(), "--epochs", "2");
    assertEquals("error: " + csv.replace(":///", ":/") + VISIBLE, run.refusedInOneLine(tmp.resolve("out")));

    // Parquet: its footers, read by tasks, were "cannot read as Parquet (File F does not exist); replace or delete
    // the file, or pass --on-bad-record skip", and that skip dropped the file as a bad one
    Path pq = dir.resolve("t.parquet");
    SparkTestSession.get().read().option("header", "true").option("inferSchema", "true")
        .csv("sample-data/tutorial.csv").coalesce(1).write().parquet(pq.toString());
    String part;
    try (Stream<Path> s = Files.list(pq)) {
      part = HostLocalFileSystem.uri(s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
          .orElseThrow()).replace(":///", ":/");
    }
    for (String policy : List.of("fail", "skip")) {
      run = CliRun.of("--data", HostLocalFileSystem.uri(pq), "--output", tmp.resolve("out").toString(), "--epochs",
          "2", "--on-bad-record", policy);
      assertEquals("error: " + part + VISIBLE, run.refusedInOneLine(tmp.resolve("out")), policy);
    }
  }

  /** Predict reads the data in its writing tasks: the same line, after the driver has read the CSV header. */
  @Test
  void predictNamesDataOnlyTheDriverCanSee(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path dir = Files.createDirectories(tmp.resolve(HostLocalFileSystem.DRIVER_ONLY));
    String csv = HostLocalFileSystem.uri(Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n3,4\n"));
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", csv, "--output",
        tmp.resolve("scored").toString());
    assertEquals("error: " + csv.replace(":///", ":/") + VISIBLE, run.refusedInOneLine(tmp.resolve("scored")));
  }
}

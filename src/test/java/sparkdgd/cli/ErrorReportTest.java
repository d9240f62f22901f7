package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.spark.SparkException;
import org.apache.spark.sql.errors.QueryExecutionErrors;
import org.junit.jupiter.api.Test;
import sparkdgd.data.InputUnreachable;

/**
 * Failures inside Spark's Parquet reader arrive as the job's exception wrapping Spark's own
 * FAILED_READ_FILE error (built here by the method Spark's file scan uses). A page that cannot be decoded
 * is the file's fault (exit 2, "replace the file"); running out of memory while reading is not, and
 * must say how to give Spark more memory instead of blaming the file.
 */
class ErrorReportTest {
  private static final String FILE = "file:/data/part-00002.snappy.parquet";

  private static String report(Throwable cause, int expectedCode) {
    Exception job = new SparkException("Job aborted due to stage failure", QueryExecutionErrors.cannotReadFilesError(
        cause, FILE));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(job, null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "");
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedCode, code, err);
    return err;
  }

  /**
   * A task's result lost on its way to the driver: what Spark said when a million features' results filled a 700 MB
   * driver (its own OutOfMemoryError only in its log), told as the driver's memory to raise.
   */
  @Test
  void aResultLostOnItsWayToTheDriverSaysToGiveTheDriverMoreMemory() {
    Exception job = new SparkException("Job aborted due to stage failure: Task 3 in stage 5.0 failed 1 times, most "
        + "recent failure: Lost task 3.0 in stage 5.0 (TID 30) (localhost executor driver): TaskResultLost (result "
        + "lost from block manager)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(job, null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "");
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCode.FAILURE, code, err);
    assertTrue(err.startsWith("error: a task's result was lost on its way to the driver (Spark's TaskResultLost), "
        + "most often because the driver ran out of memory"), err);
    assertTrue(err.strip().endsWith("give the driver more memory (--driver-memory)"), err);
  }

  /** Spark's own words when 3e6 features' spreads over 32 partitions passed its 1 GiB limit, with the remedy. */
  @Test
  void resultsOverSparksLimitSayWhichSettingToRaise() {
    Exception job = new SparkException("Job aborted due to stage failure: Total size of serialized results of 15 "
        + "tasks (1035.0 MiB) is bigger than spark.driver.maxResultSize (1024.0 MiB)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(new RuntimeException("pass failed", job), null, false,
        new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "");
    assertEquals(ExitCode.FAILURE, code);
    assertEquals("error: one pass's results are more than Spark lets a driver receive (Total size of serialized "
        + "results of 15 tasks (1035.0 MiB) is bigger than spark.driver.maxResultSize (1024.0 MiB)): each pass returns "
        + "an array of the model's width from every partition; raise the limit (--conf spark.driver.maxResultSize=4g, "
        + "or 0 for none, with the driver memory to hold them) or use fewer --partitions\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCorruptPageBlamesTheFile() {
    String err = report(new ParquetDecodingException("could not verify page integrity"), ExitCode.BAD_INPUT);
    assertTrue(err.contains(FILE + ": cannot read as Parquet, a data page is corrupt"), err);
  }

  @Test
  void runningOutOfMemoryWhileReadingSaysHowToGiveMoreMemory() {
    String err = report(new OutOfMemoryError("Java heap space"), ExitCode.FAILURE);
    assertFalse(err.contains("corrupt"), err);
    assertTrue(err.startsWith("error: a task ran out of memory (Java heap space) while reading " + FILE), err);
    assertTrue(err.contains("--driver-memory in local mode, --executor-memory on a cluster"), err);
  }

  /**
   * A Parquet file a task cannot find, though the driver can (a driver-local path on a cluster), was told "a data
   * page is corrupt (FileNotFoundException: ...); replace or delete the file".
   */
  @Test
  void aParquetFileTheTasksCannotFindIsNotCalledCorrupt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    String file = "file:" + java.nio.file.Files.writeString(tmp.resolve("part-00000.parquet"), "PAR1");
    Exception job = new SparkException("Job aborted due to stage failure", QueryExecutionErrors.cannotReadFilesError(
        new java.io.FileNotFoundException("File " + file + " does not exist"), file));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(job, null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "");
    String err = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCode.BAD_INPUT, code, err);
    assertTrue(err.startsWith("error: " + file + ": the executors cannot find this file, which the driver can read"),
        err);
    // the task turns its Parquet reader's failures into our errors itself: this one it leaves for the driver to tell
    org.junit.jupiter.api.Assertions.assertNull(sparkdgd.data.ParquetSource.readFailure(job));
  }

  @Test
  void anOutOfMemoryErrorOnTheDriverIsOneErrorLineWithTheSettingsAndExitCodeOne() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(new OutOfMemoryError("Java heap space"), null, false,
        new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "; or use smaller blocks (--block-rows)");
    String err = bytes.toString(StandardCharsets.UTF_8).strip();
    assertEquals(ExitCode.FAILURE, code, err);
    assertEquals("error: the driver ran out of memory (Java heap space): give it more memory (--driver-memory; in "
        + "local mode the tasks run in it too, on a cluster give them --executor-memory); or use smaller blocks "
        + "(--block-rows)", err); // one line, no stack trace, not blamed on a task or a file
  }

  /** The JVM throws some OutOfMemoryErrors without a message: the line then names none (it had read "(null)"). */
  @Test
  void anOutOfMemoryErrorWithoutAMessageNamesNoKind() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ErrorReport.report(new OutOfMemoryError(), null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        "--help", "");
    assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("error: the driver ran out of memory: give it more "
        + "memory (--driver-memory;"), bytes.toString(StandardCharsets.UTF_8));
    String err = report(new OutOfMemoryError(), ExitCode.FAILURE);
    assertTrue(err.startsWith("error: a task ran out of memory while reading " + FILE + ";"), err);
  }

  @Test
  void aSubcommandsUsageErrorPointsToItsOwnHelp() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(new sparkdgd.config.UsageError("--model is missing"), null, false,
        new PrintStream(bytes, true, StandardCharsets.UTF_8), "predict --help", "");
    assertEquals(ExitCode.BAD_INPUT, code);
    assertEquals("error: --model is missing (see predict --help)", bytes.toString(StandardCharsets.UTF_8).strip());
  }

  /** An input whose file system does not answer is a failure to run (exit code 1), told as it is. */
  @Test
  void anUnreachableInputIsAFailureNotABadInput() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ErrorReport.report(new RuntimeException("listing", new InputUnreachable("cannot reach the file system")),
        null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "");
    assertEquals(ExitCode.FAILURE, code);
    assertEquals("error: cannot reach the file system\n", bytes.toString(StandardCharsets.UTF_8));
  }

  /**
   * An HDFS quota spent, as its client says it (DSQuotaExceededException through a RemoteException), and a local disk
   * full inside a usage error (a checkpoint directory that "cannot be used"): the disk's line, exit 1, not 2.
   */
  @Test
  void aQuotaOrAFullDiskIsToldAsSuchWhateverWrapsIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Exception quota = new java.io.IOException("Failed to write", new java.io.IOException("The DiskSpace quota of "
        + "/user/etl is exceeded: quota = 1073741824 B = 1 GB but diskspace consumed = 1073758208 B = 1.00 GB"));
    int code = ErrorReport.report(quota, null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8),
        "--help", "");
    assertEquals(ExitCode.FAILURE, code);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("error: the disk quota is spent while writing (The "
        + "DiskSpace quota of /user/etl is exceeded"), bytes.toString(StandardCharsets.UTF_8));
    bytes.reset();
    code = ErrorReport.report(new sparkdgd.config.UsageError("--checkpoint-dir /ck cannot be used: No space left on "
        + "device"), null, false, new PrintStream(bytes, true, StandardCharsets.UTF_8), "--help", "");
    assertEquals(ExitCode.FAILURE, code);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("error: no space left on the device while writing ("
        + "--checkpoint-dir /ck cannot be used: No space left on device); free space"),
        bytes.toString(StandardCharsets.UTF_8));
    assertEquals(null, ErrorReport.diskFull(new java.io.IOException("the quota of retries is 3")));
  }
}

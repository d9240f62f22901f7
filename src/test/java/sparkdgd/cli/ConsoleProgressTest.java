package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkdgd.train.EpochCheckpoint;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.JobWatch;
import sparkdgd.train.ReadStatus;

/** Which epochs get a line, and the speed and ETA on it, for made-up epoch timings. */
class ConsoleProgressTest {

  /** Runs {@code epochs} epochs of {@code secondsEach} and returns the epoch numbers printed. */
  private static List<Integer> printed(int epochs, double secondsEach, int logEvery, double minSeconds,
      List<String> lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, logEvery, epochs,
        minSeconds);
    for (int e = 1; e <= epochs; e++) {
      p.epoch(new EpochRecord(e, 1.0 / e, 0.5, e * secondsEach));
    }
    p.finish();
    List<Integer> out = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      lines.add(line);
      out.add(Integer.parseInt(line.substring("Epoch ".length(), line.indexOf(':'))));
    }
    return out;
  }

  @Test
  void fastEpochsAreThrottledToTheMinimumInterval() {
    // 0.1 s per epoch, --log-every 10, at least 3 s apart: epochs 1, then the first multiple of 10
    // at least 3 s after the previous line (epoch 31 is not a multiple: 40 at 4.0 s), ...
    List<String> lines = new ArrayList<>();
    assertEquals(List.of(1, 40, 70, 100), printed(100, 0.1, 10, 3, lines));
    // 100 epochs in 10 s: 10 epochs/s; at epoch 40, 60 epochs left at the pace since epoch 1's line: 6.0 s
    assertEquals("Epoch 40: MSE = 0.025000000  (grad norm 5.00e-01, 4.0 s, 10.0 epochs/s, ETA 6.0 s)",
        lines.get(1));
    assertEquals("Epoch 100: MSE = 0.010000000  (grad norm 5.00e-01, 10.0 s, 10.0 epochs/s)", lines.get(3));
  }

  /**
   * A slow first epoch (start-up: the JIT, Spark's first jobs) does not set the ETA: it is at the pace since the
   * previous line (a review's 30-40 s runs were told 8-46 minutes after epoch 1).
   */
  @Test
  void theEtaIsAtThePaceSinceThePreviousLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10, 1000,
        0);
    p.epoch(new EpochRecord(1, 0.5, 0.5, 20.0)); // 20 s of start-up
    for (int e = 2; e <= 20; e++) {
      p.epoch(new EpochRecord(e, 1.0 / e, 0.5, 20.0 + 0.1 * (e - 1)));
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("Epoch 1: MSE = 0.50000000  (grad norm 5.00e-01, 20.0 s, 0.0500 epochs/s)",
        "Epoch 10: MSE = 0.10000000  (grad norm 5.00e-01, 20.9 s, 0.478 epochs/s, ETA 1 min 39 s)",
        "Epoch 20: MSE = 0.050000000  (grad norm 5.00e-01, 21.9 s, 0.913 epochs/s, ETA 1 min 38 s)"), lines);
  }

  @Test
  void theDataLineGroupsFeaturesAndPartitionsByThousandsAsItDoesRows() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10)
        .dataReady(5000, 0, 1200, 1_999_755, 2.5);
    assertEquals("Data: 5,000 rows x 1,999,755 features in 1,200 partitions, read and cached in 2.5 s",
        bytes.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void aLongJobIsToldByItsDescriptionOrAsASparkJob() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10);
    p.stillRunning(new JobWatch.Status("feature standard deviations", 1200, 2000, 25.4));
    p.stillRunning(new JobWatch.Status(null, 0, 1, 10.2));
    assertEquals(List.of("Still running: feature standard deviations, 1,200 of 2,000 tasks done, 25 s",
        "Still running: a Spark job, 0 of 1 task done, 10 s"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  /**
   * The learning rate's estimate says how far it is every 10 s (41 s had passed silent at 1e6 features), and, where it
   * stopped at the most passes it takes, how much it still moved.
   */
  @Test
  void theLearningRatesEstimateTellsItsPassesAndWhetherItSettled() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10);
    double[] seconds = {3, 7, 11, 15, 22, 25};
    for (int pass = 1; pass <= seconds.length; pass++) {
      p.learningRatePass(pass, 30, seconds[pass - 1]);
    }
    p.learningRateEstimated(11.1357, 30, 0.0898015, 0.0041);
    p.learningRateEstimated(11.1357, 4, 0.0898015, Double.NaN);
    assertEquals(List.of("Estimating the learning rate: 3 Lanczos passes done (at most 30), 11 s",
        "Estimating the learning rate: 5 Lanczos passes done (at most 30), 22 s",
        "Learning rate: auto = 1/L = 0.0898015 (L = 11.1357, largest Hessian eigenvalue, from 30 Lanczos "
            + "passes, the most it takes: the estimate still moved by 0.41% in the last; it is below L, and the step "
            + "stays stable while it is above L/2)",
        "Learning rate: auto = 1/L = 0.0898015 (L = 11.1357, largest Hessian eigenvalue, from 4 Lanczos "
            + "passes)"), List.of(bytes.toString(StandardCharsets.UTF_8).strip().split("\n")));
  }

  /** The validation split's partitions are named apart: "hold the 4 partitions" after "in 2 partitions" misread. */
  @Test
  void theResidentTasksLineNamesTheValidationPartitionsApart() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10);
    p.residentTasks(2, 2, 2);
    p.residentTasks(1, 1, 0);
    assertEquals("Passes: 2 resident tasks hold the 2 partitions and the validation split's 2; each pass is a round "
        + "on them, not a Spark job\nPasses: 1 resident task holds the 1 partition; each pass is a round on them, not a "
        + "Spark job", bytes.toString(StandardCharsets.UTF_8).strip());
  }

  /** A state after {@code epoch} epochs, due every 5 epochs, whose writes go to {@code written}. */
  private record Checkpoint(int epoch, List<String> written, String failure) implements EpochCheckpoint {
    @Override
    public boolean saveIfDue() {
      if (epoch % 5 != 0) {
        return false;
      }
      written.add("due " + epoch);
      return true;
    }

    @Override
    public void save() {
      if (failure != null) {
        throw new IllegalStateException(failure);
      }
      written.add("now " + epoch);
    }
  }

  /** A run of {@code epochs} epochs, --checkpoint-every 5, whose writes fail after epoch {@code failsAfter}. */
  private static ConsoleProgress checkpointed(int epochs, int failsAfter, List<String> written) {
    ConsoleProgress p = new ConsoleProgress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        System.err, 1);
    for (int e = 1; e <= epochs; e++) {
      p.epoch(new EpochRecord(e, 1.0 / e, 0.5, e));
      p.checkpoint(new Checkpoint(e, written, e > failsAfter ? "disk full" : null));
    }
    return p;
  }

  /** A checkpoint written is named once, on the next progress line (it is written after its epoch's line). */
  @Test
  void theNextLineNamesTheCheckpointWrittenSinceThePreviousOne() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 3, 12,
        0);
    List<String> written = new ArrayList<>();
    for (int e = 1; e <= 12; e++) {
      p.epoch(new EpochRecord(e, 1.0 / e, 0.5, e));
      p.checkpoint(new Checkpoint(e, written, null)); // due every 5 epochs
    }
    assertEquals(List.of("due 5", "due 10"), written);
    assertEquals(List.of("Epoch 1: MSE = 1.0000000  (grad norm 5.00e-01, 1.0 s, 1.00 epochs/s)",
        "Epoch 3: MSE = 0.33333333  (grad norm 5.00e-01, 3.0 s, 1.00 epochs/s, ETA 9.0 s)",
        "Epoch 6: MSE = 0.16666667  (grad norm 5.00e-01, 6.0 s, 1.00 epochs/s, ETA 6.0 s, checkpoint after epoch 5)",
        "Epoch 9: MSE = 0.11111111  (grad norm 5.00e-01, 9.0 s, 1.00 epochs/s, ETA 3.0 s)",
        "Epoch 12: MSE = 0.083333333  (grad norm 5.00e-01, 12.0 s, 1.00 epochs/s, checkpoint after epoch 10)"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void aSignalWritesTheNewestStateWhoseEpochWasNotDueAndThenNothingMore() {
    List<String> written = new ArrayList<>();
    ConsoleProgress p = checkpointed(7, 100, written);
    assertEquals(new ConsoleProgress.Stopped(7, 7, true, null), p.stop(true, e -> written.add("announced " + e)));
    p.checkpoint(new Checkpoint(10, written, null));
    assertEquals(List.of("due 5", "announced 7", "now 7"), written);
  }

  @Test
  void aDueEpochIsNotWrittenTwice() {
    List<String> written = new ArrayList<>();
    assertEquals(new ConsoleProgress.Stopped(5, 5, false, null),
        checkpointed(5, 100, written).stop(true, e -> written.add("announced " + e)));
    assertEquals(List.of("due 5"), written);
  }

  @Test
  void onceTrainingIsOverTheNewestStateIsNotWritten() {
    List<String> written = new ArrayList<>();
    assertEquals(new ConsoleProgress.Stopped(7, 5, false, null),
        checkpointed(7, 100, written).stop(false, e -> written.add("announced " + e)));
    assertEquals(List.of("due 5"), written);
  }

  @Test
  void aFailedWriteIsReportedWithTheNewestCheckpointThatWasWritten() {
    List<String> written = new ArrayList<>();
    assertEquals(new ConsoleProgress.Stopped(7, 5, false, "disk full"),
        checkpointed(7, 6, written).stop(true, e -> written.add("announced " + e)));
    assertEquals(List.of("due 5", "announced 7"), written);
  }

  /**
   * The line of an epoch that ends the run before --epochs (a stopping rule) has no ETA, whether printed when due or
   * by finish(); the same epoch, told as one the run goes on from, has one.
   */
  @Test
  void theEpochThatEndsTheRunHasNoEta() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 1, 100,
        0);
    p.epoch(new EpochRecord(1, 0.5, 0.5, 1.0), false);
    p.epoch(new EpochRecord(2, 0.25, 0.0, 2.0), true);
    p.finish();
    // the first line has no ETA (no pace but the first epoch's, start-up and all)
    assertEquals(List.of("Epoch 1: MSE = 0.50000000  (grad norm 5.00e-01, 1.0 s, 1.00 epochs/s)",
        "Epoch 2: MSE = 0.25000000  (grad norm 0.00e+00, 2.0 s, 1.00 epochs/s)"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());

    bytes.reset();
    p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10, 100, 0);
    p.epoch(new EpochRecord(1, 0.5, 0.5, 1.0), false);
    p.epoch(new EpochRecord(2, 0.25, 0.0, 2.0), false); // not due (--log-every 10): finish() prints it
    p.finish();
    assertEquals("Epoch 2: MSE = 0.25000000  (grad norm 0.00e+00, 2.0 s, 1.00 epochs/s)",
        bytes.toString(StandardCharsets.UTF_8).lines().toList().get(1));
  }

  /** Cache sizes below 0.1 MB in kB (small data read "0.0 MB"), larger ones and none in MB. */
  @Test
  void cacheSizesBelowATenthOfAMegabyteAreInKilobytes() {
    assertEquals("48.2 kB", ConsoleProgress.size(48_200));
    assertEquals("0.5 kB", ConsoleProgress.size(480));
    assertEquals("99.9 kB", ConsoleProgress.size(99_949));
    assertEquals("0.1 MB", ConsoleProgress.size(100_000));
    assertEquals("57.6 MB", ConsoleProgress.size(57_600_000));
    assertEquals("0.0 MB", ConsoleProgress.size(0));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 1)
        .cacheStored("MEMORY_AND_DISK", 48_200, 0);
    assertEquals("Cache (MEMORY_AND_DISK): 48.2 kB in memory, 0.0 MB on disk",
        bytes.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void zeroMinimumKeepsEveryLogEveryLine() {
    assertEquals(List.of(1, 10, 20, 25), printed(25, 0.1, 10, 0, new ArrayList<>()));
  }

  @Test
  void slowEpochsGetAHeartbeatLineWhateverLogEvery() {
    // 7 s per epoch, --log-every 1000: a line as soon as 30 s have passed since the last one
    assertEquals(List.of(1, 6, 11, 15), printed(15, 7, 1000, 3, new ArrayList<>()));
  }

  @Test
  void durations() {
    assertEquals("0.4 s", ConsoleProgress.duration(0.4));
    assertEquals("37 s", ConsoleProgress.duration(37.2));
    assertEquals("4 min 05 s", ConsoleProgress.duration(245));
    assertEquals("2 h 03 min", ConsoleProgress.duration(2 * 3600 + 3 * 60 + 10));
  }

  @Test
  void linesShowEveryTrainingAndValidationMetric() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 1, 5, 0);
    java.util.Map<String, Double> train = new java.util.LinkedHashMap<>();
    train.put("mse", 0.25);
    train.put("rmse", 0.5);
    train.put("mae", 0.4);
    train.put("r2", 0.9);
    java.util.Map<String, Double> validation = new java.util.LinkedHashMap<>(train);
    validation.put("mse", 0.36);
    p.epoch(new sparkdgd.train.EpochRecord(1, 2, 0.25, 0.1, 1.0, new sparkdgd.loss.Metrics(train),
        new sparkdgd.loss.Metrics(validation)));
    String line = bytes.toString(StandardCharsets.UTF_8).strip();
    assertEquals("Epoch 1: MSE = 0.25000000  (RMSE 0.500000, MAE 0.400000, R^2 0.900000, validation MSE 0.360000 "
        + "RMSE 0.500000 MAE 0.400000 R^2 0.900000, grad norm 1.00e-01, 1.0 s, 1.00 epochs/s)", line);
  }

  @Test
  void aLongFirstPassIsReportedWithItsPartitionsRecordsBytesAndTime() {
    assertEquals("Reading the input: 1 of 4 partitions done, 1,234,567 records, 123.4 of 835.8 MB read, 20 s",
        ConsoleProgress.readLine("Reading the input", new ReadStatus(1, 4, 1_234_567, 123_400_000, 835_800_000, 0, 0,
            0, 20.2)));
    // predict's or evaluate's input, whose size is not told; one partition, one record
    assertEquals("Reading the input: 0 of 1 partition done, 1 record, 0.5 MB read, 9.5 s",
        ConsoleProgress.readLine("Reading the input", new ReadStatus(0, 1, 1, 500_000, -1, 0, 0, 0, 9.5)));
    // bytes not counted (Parquet): left out, not "0.0 MB read"
    assertEquals("Scoring: 3 of 5 partitions done, 6,196,975 records, 10 s",
        ConsoleProgress.readLine("Scoring", new ReadStatus(3, 5, 6_196_975, -1, -1, 0, 0, 0, 10.2)));
    // a shuffle after the read (one gzip file, --partitions 2): the split read, then the partitions cached
    assertEquals("Reading the input: 1 of 1 split done, 8,000,001 records, 835.8 of 835.8 MB read; caching: 0 of 2 "
        + "partitions done, 3,456,789 records, 1 min 13 s", ConsoleProgress.readLine("Reading the input",
            new ReadStatus(1, 1, 8_000_001, 835_800_000, 835_800_000, 0, 2, 3_456_789, 73)));
    // --shuffle-rows: the later stage takes in blocks of rows, whose count would read as rows
    assertEquals("Reading the input: 4 of 4 splits done, 10,000,000 records; shuffling the rows and caching: 1 of 4 "
        + "partitions done, 12 s", ConsoleProgress.readLine("Reading the input",
            new ReadStatus(4, 4, 10_000_000, -1, -1, 1, 4, 1_234, 12).rowsShuffled()));
  }

  @Test
  void theConsolePrintsEachReportOfTheFirstPass() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err, 10);
    p.reading(new ReadStatus(0, 2, 10, 1_000_000, 2_000_000, 0, 0, 0, 10));
    assertEquals("Reading the input: 0 of 2 partitions done, 10 records, 1.0 of 2.0 MB read, 10 s\n",
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    // the LIBSVM pass before, which finds the largest index, is told as such
    bytes.reset();
    p.reading(new ReadStatus(1, 2, 10, 1_000_000, 2_000_000, 0, 0, 0, 10).of(ReadStatus.Pass.FEATURE_COUNT));
    assertEquals("Finding the number of features: 1 of 2 partitions done, 10 records, 1.0 of 2.0 MB read, 10 s\n",
        bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}

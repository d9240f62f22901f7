package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Dataset;

/** What the end of a run says: the parameters kept, the learning rate, and what its time covers. */
@Tag("spark")
class FinalLineTest {

  private static String finalLine(CliRun run) {
    return run.out().lines().filter(l -> l.startsWith("Final ")).findFirst().orElseThrow(() ->
        new AssertionError("no final line in " + run.out()));
  }

  /**
   * 80 rows, 40 features of which one matters: L-BFGS overfits after a few epochs. When --epochs ends a --patience
   * run after its best validation evaluation, it returns its last parameters (a resumed run gives the same), and a
   * line names the history.csv row with the lowest validation MSE.
   */
  @Test
  void theBestValidationEpochIsNamedWhenAnotherRuleEndsThePatienceRun(@TempDir Path tmp) throws Exception {
    double[] w = new double[40];
    w[0] = 2;
    Path csv = Dataset.correlated(80, w, 1, 0.0, 1.0, 4).writeCsv(tmp.resolve("wide.csv"));
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("--data", csv.toString(), "--optimizer", "lbfgs", "--validation-fraction", "0.3",
        "--patience", "100", "--tol", "0", "--epochs", "40", "--partitions", "2", "--seed", "3", "--no-plots",
        "--no-spark-model", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    int column = List.of(history.get(0).split(",")).indexOf("validation_mse");
    int bestEpoch = 0;
    double best = Double.POSITIVE_INFINITY;
    for (String row : history.subList(1, history.size())) {
      String[] cells = row.split(",");
      if (Double.parseDouble(cells[column]) < best) {
        best = Double.parseDouble(cells[column]);
        bestEpoch = Integer.parseInt(cells[0]);
      }
    }
    assertTrue(bestEpoch < 40, "the best is not the last, else this shows nothing: " + bestEpoch);
    assertTrue(run.out().contains("Stopped after 40 epochs: reached --epochs"), run.out());
    assertTrue(run.out().contains(String.format(Locale.ROOT, "The best validation loss was at epoch %d (%.6g); "
        + "these are epoch 40's parameters (--patience stops at the best and keeps it)%n", bestEpoch, best)),
        run.out());
    assertFalse(run.out().contains("Kept epoch"), run.out());
  }

  /**
   * A run a stopping rule ends (--tol) prints every epoch's line (--log-every 1 --progress-seconds 0): each has an ETA
   * to --epochs but the first (no pace before it) and the last, whose epoch the "Stopped after" line names: no epoch
   * is to come.
   */
  @Test
  void theLastEpochsLineOfARunThatStopsHasNoEta(@TempDir Path tmp) {
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--tol", "1e-3", "--epochs", "1000", "--log-every",
        "1", "--progress-seconds", "0", "--no-plots", "--no-spark-model", "--output", tmp.resolve("o").toString());
    assertEquals(0, run.code(), run.err());
    List<String> epochs = run.out().lines().filter(l -> l.matches("Epoch [1-9]\\d*: .*")).toList();
    String last = epochs.get(epochs.size() - 1);
    int stopped = Integer.parseInt(last.substring("Epoch ".length(), last.indexOf(':')));
    assertTrue(stopped > 1 && stopped < 1000, "a rule stopped the run between epochs 1 and 1000: " + run.out());
    assertEquals(stopped, epochs.size(), "every epoch has its line: " + run.out());
    assertTrue(run.out().contains("Stopped after " + stopped + " epochs: "), run.out());
    assertFalse(last.contains("ETA"), last);
    assertFalse(epochs.get(0).contains("ETA"), epochs.get(0));
    epochs.subList(1, stopped - 1).forEach(l -> assertTrue(l.contains(", ETA "), l));
  }

  /** --learning-rate-schedule step halves every 10 epochs: epoch 35 stepped with 0.1 * 0.5^3 (it said "(fixed)"). */
  @Test
  void aScheduleIsNamedWithTheLastRateItUsed(@TempDir Path tmp) {
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--learning-rate", "0.1", "--learning-rate-schedule",
        "step", "--step-every", "10", "--epochs", "35", "--tol", "0", "--no-plots", "--no-spark-model", "--output",
        tmp.resolve("o").toString());
    assertEquals(0, run.code(), run.err());
    String line = finalLine(run);
    assertTrue(line.contains(", learning rate 0.1, step schedule (last 0.0125), "), line);
    assertTrue(line.matches(".* \\d+\\.\\d s to read, train and score"), "the time says what it covers: " + line);
  }

  /** The final line's bracket: the start-up when this command started Spark, the resume when there was one. */
  @Test
  void theSecondsSayWhatTheyLeaveOut() {
    assertEquals("", TrainCommand.secondsSuffix(Double.NaN, 0));
    assertEquals(" (4.3 s before that to start the JVM and Spark)", TrainCommand.secondsSuffix(4.26, 0));
    assertEquals(" (this run, resumed after epoch 20)", TrainCommand.secondsSuffix(Double.NaN, 20));
    assertEquals(" (4.3 s before that to start the JVM and Spark; this run, resumed after epoch 20)",
        TrainCommand.secondsSuffix(4.26, 20));
  }

  @Test
  void aConstantRateGivenIsFixed() {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 1, 1, ScheduleKind.CONSTANT, 10, 42, 0, 0, 0);
    assertEquals("learning rate 0.100000 (fixed)", TrainCommand.learningRateText(0.1, false, o, 35));
    OptimizerSettings inverseSqrt =
        new OptimizerSettings(OptimizerKind.NESTEROV, 1, 1, ScheduleKind.INVERSE_SQRT, 10, 42, 0, 0, 0);
    // 0.5 / sqrt(4) by hand
    assertEquals("learning rate 0.5 (auto), inverse-sqrt schedule (last 0.25)",
        TrainCommand.learningRateText(0.5, true, inverseSqrt, 4));
  }
}

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;

/** What the final line says of the learning rate and of the time it gives. */
@Tag("spark")
class FinalLineTest {

  private static String finalLine(CliRun run) {
    return run.out().lines().filter(l -> l.startsWith("Final ")).findFirst().orElseThrow(() ->
        new AssertionError("no final line in " + run.out()));
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

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.train.ReadWatch;

/**
 * predict and evaluate report their one pass over the input while it runs long, as the trainer does: here with a
 * report every millisecond, so that a pass of a fraction of a second has some.
 */
@Tag("spark")
class PassReportTest {
  /** The input's size is not told. */
  private static final String LINE =
      "%s: \\d of \\d partitions? done, [\\d,]+ records?, \\d+\\.\\d MB read, \\d+\\.\\d s";

  @AfterEach
  void restoreTiming() {
    PassReport.timing = ReadWatch.Timing.DEFAULT;
  }

  private static List<String> lines(CliRun run, String doing) {
    return run.out().lines().filter(l -> l.startsWith(doing + ": ")).toList();
  }

  @Test
  void predictAndEvaluateReportTheirPassUnlessQuiet(@TempDir Path tmp) throws Exception {
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 5000; i++) {
      text.append(i % 10).append(',').append(i % 3).append(',').append(i % 7).append('\n');
    }
    Path data = PredictCommandTest.csv(tmp, "d.csv", text.toString());
    Path model = PredictCommandTest.model(tmp);
    PassReport.timing = new ReadWatch.Timing(0.001, 0.001);

    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("scored").toString());
    assertEquals(0, predict.code(), predict.err());
    List<String> scoring = lines(predict, "Scoring");
    assertFalse(scoring.isEmpty(), predict.out());
    scoring.forEach(l -> assertTrue(Pattern.matches(String.format(LINE, "Scoring"), l), l));

    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("metrics.json").toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    List<String> evaluating = lines(evaluate, "Evaluating");
    assertFalse(evaluating.isEmpty(), evaluate.out());
    evaluating.forEach(l -> assertTrue(Pattern.matches(String.format(LINE, "Evaluating"), l), l));

    CliRun quiet = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("scored-quietly").toString(), "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals(List.of(), lines(quiet, "Scoring"));
  }
}

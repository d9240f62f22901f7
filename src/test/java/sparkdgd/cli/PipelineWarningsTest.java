package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pipeline that runs train every night reads besides the exit code (a review of such a pipeline): the run's
 * warnings in model.json, --fail-on-warning keeping a doubtful model from replacing the last one, and warnings on
 * stderr for what had been said on stdout only (rows skipped, a label taken by its place) or not at all (predict of
 * no rows).
 */
class PipelineWarningsTest {
  @TempDir
  Path tmp;

  private static JsonNode json(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static List<String> warnings(Path model) throws Exception {
    List<String> w = new ArrayList<>();
    json(model.resolve("model.json")).get("warnings").forEach(n -> w.add(n.asText()));
    return w;
  }

  /**
   * A label column of one value (a review's export of defaults): the run trained, printed R^2 = NaN and passed
   * --fail-on-warning. Now it is a warning about the data; labels that vary by a little are not.
   */
  @Test
  void aConstantLabelIsAWarningThatFailOnWarningRefuses() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("sample-data", "tutorial.csv"));
    List<String> constant = new ArrayList<>(List.of(lines.get(0)));
    List<String> varying = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      String x = lines.get(i).split(",")[0];
      constant.add(x + ",1.0");
      varying.add(x + "," + (1 + 1e-6 * (i % 7)));
    }
    Path data = Files.write(tmp.resolve("constant.csv"), constant);
    String[] args = {"--data", data.toString(), "--epochs", "3", "--no-plots", "--no-spark-model"};
    CliRun run = CliRun.of(TestRuns.concat(args, "--output", tmp.resolve("kept").toString()));
    assertEquals(0, run.code(), run.err());
    String warning = "every label of the training data (\"y\") is 1.0 (1,000 rows), so R^2 is undefined and the "
        + "model can only learn that constant; check --label-col, or the data's export of that column";
    assertTrue(run.err().contains("warning: " + warning + "\n"), run.err());
    assertTrue(warnings(tmp.resolve("kept")).contains(warning), warnings(tmp.resolve("kept")).toString());
    run = CliRun.of(TestRuns.concat(args, "--output", tmp.resolve("refused").toString(), "--fail-on-warning"));
    assertEquals(3, run.code(), run.err());
    assertFalse(Files.exists(tmp.resolve("refused")));

    Path small = Files.write(tmp.resolve("varying.csv"), varying);
    run = CliRun.of("--data", small.toString(), "--epochs", "3", "--no-plots", "--no-spark-model", "--output",
        tmp.resolve("varying").toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("every label of the training data"), run.err());
  }

  /**
   * The review's run: a step schedule that shrank the step until --tol stopped it, far from the optimum, exit 0 and
   * stopReason LOSS_CONVERGED; the warnings were on stderr only.
   */
  @Test
  void aRunFarFromTheOptimumSaysSoInModelJsonAndFailOnWarningWritesNothing() throws Exception {
    String[] doubtful = {"--data", Path.of("sample-data", "correlated.csv").toString(), "--learning-rate-schedule",
        "step", "--step-every", "2", "--learning-rate", "0.05", "--no-plots", "--no-spark-model"};
    Path kept = tmp.resolve("kept");
    CliRun run = CliRun.of(TestRuns.concat(doubtful, "--output", kept.toString()));
    assertEquals(0, run.code(), run.err());
    List<String> w = warnings(kept);
    assertFalse(w.isEmpty(), run.err());
    for (String warning : w) {
      assertTrue(run.err().contains("warning: " + warning + "\n"), warning + " | " + run.err());
    }
    assertTrue(w.stream().anyMatch(x -> x.startsWith("the model is not at the optimum") || x.startsWith("--tol "
        + "stopped the run after --learning-rate-schedule step")), w.toString());

    Path refused = tmp.resolve("refused");
    run = CliRun.of(TestRuns.concat(doubtful, "--output", refused.toString(), "--fail-on-warning"));
    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("error: the run gave " + w.size() + " warning" + (w.size() == 1 ? "" : "s")
        + " about the model or its data (the first: " + w.get(0).substring(0, 30)), run.err());
    assertTrue(run.err().contains(") and --fail-on-warning is set, so nothing was written to " + refused + "; read "
        + "the warning"), run.err());
    assertFalse(Files.exists(refused));

    Path clean = tmp.resolve("clean"); // the tutorial's data trains to least squares without a word
    run = CliRun.of("--data", Path.of("sample-data", "tutorial.csv").toString(), "--no-plots", "--no-spark-model",
        "--output", clean.toString(), "--fail-on-warning");
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of(), warnings(clean));
    assertTrue(run.out().contains("Wrote file:" + clean + ": model.json"), run.out());
    // a notice about settings or recovery is no doubt about the model: the first --resume into a new directory
    Path resumed = tmp.resolve("resumed");
    run = CliRun.of("--data", Path.of("sample-data", "tutorial.csv").toString(), "--no-plots", "--no-spark-model",
        "--output", resumed.toString(), "--fail-on-warning", "--resume", "--checkpoint-dir",
        tmp.resolve("ck").toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("warning: no checkpoint in "), run.err());
    assertEquals(List.of(), warnings(resumed));
    run = CliRun.of("--data", Path.of("sample-data", "tutorial.csv").toString(), "--no-plots", "--no-spark-model",
        "--output", clean.toString(), "--overwrite", "--quiet");
    assertEquals(0, run.code(), run.err());
    run = CliRun.of("--data", Path.of("sample-data", "tutorial.csv").toString(), "--no-plots", "--no-spark-model",
        "--output", clean.toString(), "--overwrite");
    assertTrue(run.out().contains("Wrote file:" + clean + " (in the place of the earlier output, --overwrite): "
        + "model.json"), run.out());
  }

  /** A header without y or label: the label taken as the last column is warned of; c1..cN (no header) are not. */
  @Test
  void aLabelTakenByItsPlaceAmongNamedColumnsIsWarnedOf() throws Exception {
    Path renamed = tmp.resolve("renamed.csv");
    StringBuilder rows = new StringBuilder("a,b,sales\n");
    for (int i = 0; i < 50; i++) {
      rows.append(i).append(',').append(i % 7).append(',').append(2 * i + 1).append('\n');
    }
    Files.writeString(renamed, rows.toString());
    CliRun run = CliRun.of("--data", renamed.toString(), "--no-plots", "--no-spark-model", "--epochs", "5",
        "--output", tmp.resolve("m").toString());
    assertEquals(0, run.code(), run.err());
    String warning = "the label is \"sales\", the last column, as no column is named y or label: if the label column "
        + "was renamed, the run trains on the wrong one; pass --label-col sales to say it is this one (a pipeline "
        + "should name it)";
    assertTrue(run.err().contains("warning: " + warning + "\n"), run.err());
    assertEquals(warning, warnings(tmp.resolve("m")).get(0));
    run = CliRun.of("--data", renamed.toString(), "--label-col", "sales", "--no-plots", "--no-spark-model",
        "--epochs", "5", "--output", tmp.resolve("named").toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("the label is"), run.err());

    Path spaced = tmp.resolve("spaced.csv"); // a name the suggested flag quotes, as a shell needs it
    Files.writeString(spaced, rows.toString().replace("a,b,sales", "a,b,sale price"));
    run = CliRun.of("--data", spaced.toString(), "--no-plots", "--no-spark-model", "--epochs", "5", "--output",
        tmp.resolve("s").toString());
    assertTrue(run.err().contains("pass --label-col 'sale price' to say it is this one"), run.err());

    Path headerless = tmp.resolve("headerless.csv");
    Files.writeString(headerless, rows.substring(rows.indexOf("\n") + 1));
    run = CliRun.of("--data", headerless.toString(), "--header", "false", "--no-plots", "--no-spark-model",
        "--epochs", "5", "--output", tmp.resolve("h").toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("the label is"), run.err());
  }

  /** Rows skipped as bad records are a warning (the listing is on stdout, which --quiet leaves out) and counted. */
  @Test
  void skippedRowsAreWarnedOfAndCountedInBothJsonFiles() throws Exception {
    Path data = tmp.resolve("bad.csv");
    StringBuilder rows = new StringBuilder("x,y\n");
    for (int i = 0; i < 40; i++) {
      rows.append(i % 3 == 0 ? "n/a" : String.valueOf(i)).append(',').append(2 * i).append('\n');
    }
    Files.writeString(data, rows.toString());
    Path out = tmp.resolve("m");
    CliRun run = CliRun.of("--data", data.toString(), "--on-bad-record", "skip", "--quiet", "--no-plots",
        "--no-spark-model", "--epochs", "5", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("warning: 14 bad records skipped (--on-bad-record skip): rows not trained on; the "
        + "first: " + data.toUri().toString().replace("file:///", "file:/")), run.err());
    assertEquals(14, json(out.resolve("model.json")).get("skippedRecords").asLong());
    assertEquals(14, json(out.resolve("metrics.json")).get("skippedRecords").asLong());
    assertTrue(warnings(out).get(0).startsWith("14 bad records skipped"), warnings(out).toString());

    CliRun predict = CliRun.of("predict", "--model", out.toString(), "--data", data.toString(), "--on-bad-record",
        "skip", "--quiet", "--output", tmp.resolve("p").toString());
    assertEquals(0, predict.code(), predict.err());
    assertTrue(predict.err().contains("warning: 14 bad records skipped (--on-bad-record skip): rows not scored; "),
        predict.err());
    JsonNode summary = json(tmp.resolve("p").resolve("_predict.json")); // beside the part files, which readers skip
    assertEquals(26, summary.get("rows").asLong());
    assertEquals(14, summary.get("skippedRecords").asLong());
    assertEquals(data.toString(), summary.get("data").asText());
    assertEquals(out.toString(), summary.get("model").asText());
    assertEquals("prediction", summary.get("predictionCol").asText());
    assertEquals("csv", summary.get("format").asText());
    assertEquals(1, summary.get("warnings").size(), summary.toString()); // what stderr said of the skipped rows
    assertTrue(predict.err().contains("warning: " + summary.get("warnings").get(0).asText() + "\n"), predict.err());
    assertTrue(summary.get("warnings").get(0).asText().startsWith("14 bad records skipped"), summary.toString());
    assertTrue(summary.get("createdAt").asText().startsWith("20"), summary.toString());
    // the predictions read back as data by spark-dgd itself, _predict.json beside them skipped
    CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", tmp.resolve("p").toString(),
        "--output", tmp.resolve("e.json").toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertEquals(26, json(tmp.resolve("e.json")).get("rows").asLong());

    Path headerOnly = tmp.resolve("header-only.csv");
    Files.writeString(headerOnly, "x,y\n");
    predict = CliRun.of("predict", "--model", out.toString(), "--data", headerOnly.toString(), "--output",
        tmp.resolve("p0").toString());
    assertEquals(0, predict.code(), predict.err());
    // --fail-on-warning: the same warnings, nothing written, exit 3, for predict and evaluate as for train
    Path refusedPredictions = tmp.resolve("p-refused");
    CliRun strict = CliRun.of("predict", "--model", out.toString(), "--data", data.toString(), "--on-bad-record",
        "skip", "--fail-on-warning", "--output", refusedPredictions.toString());
    assertEquals(3, strict.code(), strict.err());
    assertTrue(strict.err().contains("warning: 14 bad records skipped (--on-bad-record skip): rows not scored; "),
        strict.err());
    assertTrue(strict.err().contains("error: the run gave 1 warning about the data (the first: 14 bad records "
        + "skipped"), strict.err());
    assertTrue(strict.err().contains("and --fail-on-warning is set, so nothing was written to " + refusedPredictions
        + "; read the warning above, or leave --fail-on-warning out to keep such predictions"), strict.err());
    assertFalse(Files.exists(refusedPredictions), "no predictions, not even a staged directory's");
    try (java.util.stream.Stream<Path> entries = Files.list(tmp)) {
      assertEquals(List.of(), entries.filter(f -> f.getFileName().toString().contains("p-refused")).toList(),
          "no staging directory left beside it either");
    }
    Path refusedMetrics = tmp.resolve("e-refused.json");
    CliRun strictEvaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", data.toString(),
        "--on-bad-record", "skip", "--fail-on-warning", "--output", refusedMetrics.toString());
    assertEquals(3, strictEvaluate.code(), strictEvaluate.err());
    assertTrue(strictEvaluate.err().contains("to keep such metrics"), strictEvaluate.err());
    assertFalse(Files.exists(refusedMetrics));
    CliRun clean = CliRun.of("evaluate", "--model", out.toString(), "--data", tmp.resolve("p").toString(),
        "--fail-on-warning", "--output", tmp.resolve("e-clean.json").toString());
    assertEquals(0, clean.code(), clean.err()); // no warning: written as ever

    String noRows = "the input has no data rows (" + headerOnly + "), so the output holds no predictions; check --data";
    assertTrue(predict.err().contains("warning: " + noRows), predict.err());
    assertEquals(noRows, json(tmp.resolve("p0").resolve("_predict.json")).get("warnings").get(0).asText());
  }
}

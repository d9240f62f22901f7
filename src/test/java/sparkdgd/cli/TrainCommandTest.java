package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;

/** The command line end to end, in process: outputs, progress lines and help. */
@Tag("spark")
class TrainCommandTest {

  @Test
  void trainsTheTutorialDataAndWritesModelAndHistory(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--output", out.toString(), "--log-every", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("Epoch 1: MSE = "), run.out());

    Dataset d = Dataset.readCsv(Path.of("sample-data/tutorial.csv"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals(List.of("x"), List.of(model.get("featureNames").get(0).asText()));
    // standardised, the tutorial's problem has Hessian 2I and the auto step 1/2 solves it in one step
    assertEquals(exact[0], model.get("coefficients").get(0).asDouble(), 1e-9);
    assertEquals(exact[1], model.get("intercept").asDouble(), 1e-9);
    assertEquals(0.5, model.get("learningRate").asDouble(), 1e-9);
    assertEquals(d.mse(exact), model.get("finalMse").asDouble(), 1e-12);
    assertEquals(1000, model.get("rows").asLong());

    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals("epoch,passes,objective,gradient_norm,seconds,train_mse,train_rmse,train_mae,train_r2",
        history.get(0));
    assertEquals(model.get("epochs").asInt(), history.size() - 1);
    for (int e = 1; e < history.size(); e++) {
      assertTrue(run.out().contains("Epoch " + e + ": MSE = "), "line for epoch " + e);
      String[] cells = history.get(e).split(",");
      assertEquals(String.valueOf(e), cells[0]);
      // without a penalty the objective is the MSE; the initial evaluation and one per epoch are passes
      assertEquals(cells[2], cells[5]);
      assertEquals(e + 1.0, Double.parseDouble(cells[1]), 0.0);
      assertEquals(Math.sqrt(Double.parseDouble(cells[5])), Double.parseDouble(cells[6]), 1e-15);
    }
    assertEquals(d.mse(exact), model.get("trainMetrics").get("mse").asDouble(), 1e-12);
    assertTrue(run.out().contains("intercept"), run.out());
  }

  @Test
  void progressLinesFollowLogEveryAndTheLastEpochIsAlwaysShown(@TempDir Path tmp) {
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--output", tmp.resolve("o").toString(),
        "--standardize", "false", "--learning-rate", "0.01", "--epochs", "25", "--tol", "0", "--log-every", "10",
        "--progress-seconds", "0");
    assertEquals(0, run.code(), run.err());
    for (int e : new int[] {1, 10, 20, 25}) {
      assertTrue(run.out().contains("Epoch " + e + ": MSE = "), "epoch " + e + " in\n" + run.out());
    }
    assertTrue(!run.out().contains("Epoch 11: "), run.out());
    assertTrue(run.out().contains("Stopped after 25 epochs: reached --epochs"), run.out());
  }

  @Test
  void helpExplainsEveryFlagWithItsDefault() {
    CliRun run = CliRun.of("--help");
    assertEquals(0, run.code());
    for (String flag : List.of("--data", "--format", "--label-col", "--features", "--epochs", "--learning-rate",
        "--standardize", "--partitions", "--storage-level", "--log-every", "--tol", "--output", "--overwrite",
        "--verbose", "--help")) {
      assertTrue(run.out().contains(flag), flag + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("Default: 100"), run.out());
    assertTrue(run.out().contains("Default: MEMORY_AND_DISK"), run.out());
  }

  /**
   * --validation-fraction 0.999 on the tutorial's 1,000 rows leaves about one row to fit a slope and an intercept:
   * a warning, with the counts the Data line gives; 0.2 leaves hundreds and says nothing of the kind.
   */
  @Test
  void aSplitLeavingFewerTrainingRowsThanParametersIsWarnedOf(@TempDir Path tmp) {
    CliRun few = CliRun.of("--data", "sample-data/tutorial.csv", "--validation-fraction", "0.999", "--partitions", "2",
        "--epochs", "1", "--no-plots", "--no-spark-model", "--output", tmp.resolve("few").toString());
    assertEquals(0, few.code(), few.err());
    java.util.regex.Matcher data = java.util.regex.Pattern.compile("Data: (\\d+) training rows? \\((\\d+) held out")
        .matcher(few.out());
    assertTrue(data.find(), few.out());
    long rows = Long.parseLong(data.group(1));
    assertTrue(rows >= 1 && rows < 2, "this shows nothing unless 1 row trains (none is refused): " + rows);
    assertEquals(1000 - rows, Long.parseLong(data.group(2)));
    assertTrue(few.err().contains("warning: 1 training row for 2 parameters (1 feature and the intercept): the rows "
        + "cannot determine the model, and many fit them equally well; --validation-fraction holds out the other "
        + (1000 - rows) + "; use a smaller --validation-fraction"), few.err());
    CliRun enough = CliRun.of("--data", "sample-data/tutorial.csv", "--validation-fraction", "0.2", "--partitions",
        "2", "--epochs", "1", "--no-plots", "--no-spark-model", "--output", tmp.resolve("enough").toString());
    assertEquals(0, enough.code(), enough.err());
    assertFalse(enough.err().contains("cannot determine"), enough.err());
  }

  /** --average-from says what the parameters are, records itself in model.json, and is idle beyond --epochs. */
  @Test
  void averagedIteratesAreToldAndRecorded(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("averaged");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--batch-fraction", "0.1", "--epochs", "40",
        "--tol", "0", "--average-from", "30", "--no-plots", "--no-spark-model", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("These are the mean of the 11 iterates after epochs 30-40 (--average-from 30)"),
        run.out());
    assertEquals(30, new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("model.json").toFile())
        .get("averageFrom").asInt());
    CliRun beyond = CliRun.of("--data", "sample-data/tutorial.csv", "--batch-fraction", "0.5", "--epochs", "10",
        "--average-from", "50",
        "--no-plots", "--no-spark-model", "--output", tmp.resolve("beyond").toString());
    assertEquals(0, beyond.code(), beyond.err());
    assertTrue(beyond.err().contains("warning: --average-from has no effect beyond --epochs 10 (no iterate to "
        + "average)"), beyond.err());
    assertTrue(beyond.out().contains("These are the last iterate, not a mean (--average-from 50): the run stopped "
        + "before that epoch"), beyond.out());
  }

  @Test
  void trainIsAlsoAnExplicitSubcommandAndMistypedOrWastefulFlagsAreCalledOut(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("train", "--data", "sample-data/tutorial.csv", "--epochs", "1", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(Files.exists(out.resolve("model.json")));
    assertTrue(run.out().contains("after 1 epoch ("), run.out());
    Path three = Files.writeString(tmp.resolve("three.csv"), "x,y\n1,2\n2,4\n3,6\n");
    CliRun many = CliRun.of("--data", three.toString(), "--partitions", "8", "--epochs", "1", "--output",
        tmp.resolve("many").toString());
    assertEquals(0, many.code(), many.err());
    assertTrue(many.err().contains("warning: --partitions 8 for 3 rows leaves at least 5 partitions empty, each "
        + "still a task in every pass; use --partitions 3 or fewer, or leave it out"), many.err());
    CliRun idle = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "1", "--huber-delta", "2",
        "--elastic-net", "0.5", "--step-every", "5", "--tol", "0", "--tol-evaluations", "3", "--checkpoint-every", "3",
        "--num-features", "4", "--class-weight", "1,1", "--refit", "false",
        "--header", "true", "--output", tmp.resolve("idle").toString());
    assertEquals(0, idle.code(), idle.err());
    assertEquals(List.of("warning: --num-features has no effect on csv input (LIBSVM, and Parquet vector columns, "
        + "only)",
        "warning: --huber-delta has no effect without --loss huber",
        "warning: --class-weight has no effect without --loss logistic (it weighs a logistic model's two classes)",
        "warning: --elastic-net has no effect without --reg-param (the penalty's strength, 0 by default: no penalty "
            + "to mix)",
        "warning: --refit has no effect without several --reg-param values (it trains a search's choice on all the "
            + "rows)",
        "warning: --step-every has no effect without --learning-rate-schedule step",
        "warning: --tol-evaluations has no effect with --tol 0 (no test to repeat)",
        "warning: --checkpoint-every has no effect without --checkpoint-dir"),
        idle.err().lines().filter(l -> l.contains("has no effect")).toList(), "--header applies to CSV");
    Path sparse = Files.writeString(tmp.resolve("s.libsvm"), "1 1:1\n2 1:2\n3 2:1\n");
    CliRun float32 = CliRun.of("--data", sparse.toString(), "--epochs", "1", "--precision", "float32", "--output",
        tmp.resolve("float32").toString());
    String sparseWarning = "warning: --precision has no effect on sparse input (LIBSVM, Parquet sparse vectors): its "
        + "sparse blocks keep doubles";
    assertEquals(0, float32.code(), float32.err());
    assertEquals(List.of(sparseWarning), float32.err().lines().filter(l -> l.contains("has no effect")).toList());
    assertTrue(float32.out().contains("sparse blocks (doubles): the squared loss runs scalar"), float32.out());
    assertFalse(float32.out().contains("float32 blocks"), float32.out());
    // a directory of LIBSVM files has no extension to tell: the blocks themselves do
    Path sparseDir = Files.createDirectories(tmp.resolve("sparse-dir"));
    Files.copy(sparse, sparseDir.resolve("part-0.libsvm"));
    CliRun fromDir = CliRun.of("--data", sparseDir.toString(), "--epochs", "1", "--precision", "float32",
        "--loss", "huber", "--output", tmp.resolve("float32-dir").toString());
    assertEquals(0, fromDir.code(), fromDir.err());
    assertEquals(List.of(sparseWarning), fromDir.err().lines().filter(l -> l.contains("has no effect")).toList());
    assertTrue(fromDir.out().contains("sparse blocks (doubles): the huber loss runs scalar"), fromDir.out());
    CliRun lbfgs = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "2", "--optimizer", "lbfgs",
        "--learning-rate-schedule", "step", "--step-every", "1", "--output", tmp.resolve("lbfgs").toString());
    assertEquals(0, lbfgs.code(), lbfgs.err());
    assertEquals(List.of("warning: --learning-rate-schedule has no effect with --optimizer lbfgs (its line search "
        + "sets every step)", "warning: --step-every has no effect with --optimizer lbfgs (its line search sets every "
        + "step)"), lbfgs.err().lines().filter(l -> l.contains("has no effect")).toList());
    CliRun spaced = CliRun.of("--data", "sample-data/correlated.csv", "--epochs", "1", "--features", "f1, f3",
        "--output", tmp.resolve("spaced").toString());
    assertEquals(0, spaced.code(), spaced.err());
    assertTrue(spaced.out().contains("2 features"), spaced.out());
    CliRun typo = CliRun.of("--epoch", "5");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("did you mean --epochs? (see --help)"), typo.err());
    CliRun subcommandTypo = CliRun.of("predict", "--model", "m", "--data", "d", "--output", "o", "--delimeter", ";");
    assertEquals(2, subcommandTypo.code());
    assertTrue(subcommandTypo.err().contains("did you mean --delimiter? (see predict --help)"), subcommandTypo.err());
    // a mistyped required flag is named, not reported as missing
    CliRun requiredTypo = CliRun.of("evaluate", "--modle", "m", "--data", "d", "--output", "o");
    assertEquals(2, requiredTypo.code());
    assertEquals("error: Unknown option: '--modle'; did you mean --model? (see evaluate --help)",
        requiredTypo.err().strip());
    // scikit-learn's names get ours, not picocli's guess by spelling (--max-bad-records, --classes)
    CliRun maxIter = CliRun.withoutSpark("--max_iter", "1000");
    assertEquals(2, maxIter.code());
    assertEquals("error: Unknown options: '--max_iter', '1000'; scikit-learn's max_iter is --epochs (optimizer "
        + "iterations: with --batch-fraction F, E passes are --epochs E/F)? (see --help)", maxIter.err().strip());
    CliRun weights = CliRun.withoutSpark("--loss", "logistic", "--class_weight", "balanced");
    assertEquals(2, weights.code());
    assertTrue(weights.err().contains("; scikit-learn's class_weight is --class-weight balanced|W0,W1 (logistic; rows "
        + "by a column of the data: --weight-col NAME)? (see --help)"), weights.err());
    assertTrue(CliRun.withoutSpark("--sample_weight", "w").err().contains("scikit-learn's sample_weight is "
        + "--weight-col NAME (each row's weight from a column of the data)?"));
    assertTrue(CliRun.withoutSpark("--alpha", "1e-4").err().contains("scikit-learn's alpha is --reg-param, scaled "
        + "otherwise (README: Coming from scikit-learn); the penalty's mix, glmnet's alpha, is --elastic-net?"));
    // Spark ML's and MLlib's params, as Spark spells them; a name both use is scikit-learn's hint (its spelling)
    CliRun maxIterSpark = CliRun.withoutSpark("--maxIter", "50");
    assertEquals(2, maxIterSpark.code());
    assertEquals("error: Unknown options: '--maxIter', '50'; Spark's maxIter is --epochs (optimizer iterations: with "
        + "full batches a pass each, and L-BFGS's line search trials add passes)? (see --help)",
        maxIterSpark.err().strip());
    // snake_case is scikit-learn's spelling, not Spark's
    assertFalse(CliRun.withoutSpark("--fit_intercept", "true").err().contains("Spark's"));
    // --help and --version before a command are still answered
    assertEquals(0, CliRun.withoutSpark("--help", "train").code());
    assertTrue(CliRun.withoutSpark("--weightCol", "w").err().contains("; Spark's weightCol is --weight-col NAME (each "
        + "row's weight from a column of the data)? (see --help)"));
    assertTrue(CliRun.withoutSpark("--elasticNetParam=0.5").err().contains("; Spark's elasticNetParam is "
        + "--elastic-net (0 = L2, 1 = L1)?"));
    assertTrue(CliRun.withoutSpark("--stepSize", "0.1").err().contains("; Spark's stepSize is --learning-rate "
        + "(MLlib's SimpleUpdater with stepSize s is --learning-rate s/2 --learning-rate-schedule inverse-sqrt"));
    assertTrue(CliRun.withoutSpark("--max-iter", "9").err().contains("scikit-learn's max_iter is --epochs"));
    // the trainer's options before a command's name were parsed and then dropped (a review: --epochs 3 ran 7 epochs)
    CliRun before = CliRun.withoutSpark("--epochs", "3", "--tol", "0", "train", "--data", "d.csv");
    assertEquals(2, before.code());
    assertEquals("error: --epochs, --tol come before the command \"train\", which would not read them: give a "
        + "command's options after its name (./submit.sh [spark-submit options] train [train options]; see train "
        + "--help)", before.err().strip());
    assertTrue(CliRun.withoutSpark("--verbose", "predict", "--model", "m", "--data", "d", "--output", "o").err()
        .startsWith("error: --verbose comes before the command \"predict\", which would not read it"));
    // the trainer's flags only: predict has no --reg-param to point to
    CliRun scoring = CliRun.withoutSpark("predict", "--model", "m", "--data", "d", "--output", "o", "--alpha", "1");
    assertEquals(2, scoring.code());
    assertFalse(scoring.err().contains("scikit-learn"), scoring.err());
  }

  /** After --resume the closing lines count this process's epochs and time, and say so. */
  @Test
  void aResumedRunsHintAndFinalLineCountItsOwnEpochs(@TempDir Path tmp) throws Exception {
    String ck = tmp.resolve("ck").toString();
    CliRun first = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "100", "--tol", "0",
        "--learning-rate", "0.01", "--checkpoint-dir", ck, "--checkpoint-every", "50", "--no-plots",
        "--no-spark-model", "--output", tmp.resolve("first").toString());
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("Hint: the 100 epochs took "), first.out());
    CliRun resumed = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "250", "--tol", "0",
        "--learning-rate", "0.01", "--checkpoint-dir", ck, "--checkpoint-every", "50", "--resume", "--no-plots",
        "--no-spark-model", "--output", tmp.resolve("resumed").toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("Hint: the 150 epochs took "), resumed.out());
    assertTrue(resumed.out().matches("(?s).*Final MSE = \\S+ after 250 epochs .* s to read, train and score "
        + "\\(this run, resumed after epoch 100\\)\n.*"), resumed.out());
    // and model.json says so, for an audit of the run (its seconds are this process's)
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals(100, json.readTree(tmp.resolve("resumed").resolve("model.json").toFile()).get("resumedAfterEpoch")
        .asInt());
    assertTrue(json.readTree(tmp.resolve("first").resolve("model.json").toFile()).get("resumedAfterEpoch").isNull());
  }

  /**
   * Gradient descent's default 100 epochs on the correlated sample end far from least squares (QR, computed here),
   * and the run says so; L-BFGS stops near it by --tol, without the warning; --tol 0 (a fixed count) has none.
   */
  @Test
  void aRunStoppedByEpochsFarFromStoppingByItselfWarns(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.readCsv(Path.of("sample-data/correlated.csv"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    String[] common = {"--data", "sample-data/correlated.csv", "--no-plots", "--no-spark-model"};
    CliRun gd = CliRun.of(concat(common, "--output", tmp.resolve("gd").toString()));
    assertEquals(0, gd.code(), gd.err());
    assertTrue(gd.err().contains("warning: stopped by --epochs 100 while the objective still changed by "), gd.err());
    assertTrue(gd.err().contains("the model may be far from the optimum; raise --epochs, or use --optimizer lbfgs"),
        gd.err());
    assertTrue(maxDifference(tmp.resolve("gd"), exact) > 1, "far indeed: " + maxDifference(tmp.resolve("gd"), exact));

    CliRun lbfgs = CliRun.of(concat(common, "--optimizer", "lbfgs", "--output", tmp.resolve("lbfgs").toString()));
    assertEquals(0, lbfgs.code(), lbfgs.err());
    assertTrue(!lbfgs.err().contains("far from the optimum"), lbfgs.err());
    assertTrue(maxDifference(tmp.resolve("lbfgs"), exact) < 1e-2, "" + maxDifference(tmp.resolve("lbfgs"), exact));

    CliRun fixed = CliRun.of(concat(common, "--tol", "0", "--output", tmp.resolve("fixed").toString()));
    assertEquals(0, fixed.code(), fixed.err());
    assertTrue(!fixed.err().contains("far from the optimum"), fixed.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The largest difference between the saved coefficients and intercept and {@code exact} (intercept last). */
  private static double maxDifference(Path out, double[] exact) throws Exception {
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double max = Math.abs(model.get("intercept").asDouble() - exact[exact.length - 1]);
    for (int j = 0; j < exact.length - 1; j++) {
      max = Math.max(max, Math.abs(model.get("coefficients").get(j).asDouble() - exact[j]));
    }
    return max;
  }

  /** --resume with a directory that did not exist (often a mistyped path) starts from zero and says so. */
  @Test
  void resumingFromADirectoryThatDidNotExistSaysSo(@TempDir Path tmp) throws Exception {
    String[] common = {"--data", "sample-data/tutorial.csv", "--epochs", "2", "--resume", "--no-plots",
        "--no-spark-model"};
    CliRun missing = CliRun.of(concat(common, "--checkpoint-dir", tmp.resolve("ckpt-typo").toString(), "--output",
        tmp.resolve("a").toString()));
    assertEquals(0, missing.code(), missing.err());
    assertTrue(missing.err().contains("warning: no checkpoint in " + tmp.resolve("ckpt-typo") + " (it did not exist, "
        + "and was created: check the path if a run saved checkpoints before); starting at epoch 0"), missing.err());
    Files.createDirectories(tmp.resolve("empty"));
    CliRun empty = CliRun.of(concat(common, "--checkpoint-dir", tmp.resolve("empty").toString(), "--output",
        tmp.resolve("b").toString()));
    assertEquals(0, empty.code(), empty.err());
    assertTrue(empty.err().contains("warning: no checkpoint in " + tmp.resolve("empty") + "; starting at epoch 0"),
        empty.err());
  }

  /**
   * An --output under a file cannot be written: refused with exit 2 before the session trains (no start line, no
   * epoch), not after the last epoch, and the file is left as it was.
   */
  @Test
  void anOutputUnderAFileIsRefusedBeforeTraining(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.csv"), "x,y\n1,2\n");
    Path out = file.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "3", "--output", out.toString());
    assertEquals("error: --output " + out + " cannot be written: " + file + " is a file, not a directory; choose "
        + "another --output (see --help)", run.refusedInOneLine(out));
    assertEquals("", run.out(), "nothing trained");
    assertEquals("x,y\n1,2\n", Files.readString(file));
    assertEquals(List.of(file), listed(tmp), "nothing written beside it");
  }

  /** A --checkpoint-dir under a file is refused with exit 2 before the data is read (no "Data:" line). */
  @Test
  void aCheckpointDirUnderAFileIsRefusedBeforeTheDataIsRead(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("notes.csv"), "x,y\n1,2\n");
    Path ck = file.resolve("ckpt");
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "30", "--tol", "0", "--checkpoint-dir",
        ck.toString(), "--output", out.toString());
    String line = run.refusedInOneLine(out);
    assertFalse(run.out().contains("Data: ") || run.out().contains("Epoch "), "the data was read:\n" + run.out());
    assertEquals("error: --checkpoint-dir " + ck + " cannot be written: " + file + " is a file, not a directory; "
        + "choose another --checkpoint-dir (see --help)", line);
    assertEquals(List.of(file), listed(tmp), "nothing written beside it");
  }

  /**
   * A run that fails on its data leaves no --checkpoint-dir of its own (held from before the data is read, it had been
   * created then and left, empty), so the next --resume is told the directory did not exist; one that existed stays.
   */
  @Test
  void aRunThatFailsOnItsDataLeavesNoCheckpointDirOfItsOwn(@TempDir Path tmp) throws Exception {
    Path data = Files.writeString(tmp.resolve("bad.csv"), "x,y\n1,2\noops,3\n");
    Path ck = tmp.resolve("new").resolve("ck");
    CliRun failed = CliRun.of("--data", data.toString(), "--epochs", "3", "--checkpoint-dir", ck.toString(), "--resume",
        "--output", tmp.resolve("out").toString());
    assertEquals(2, failed.code(), failed.err());
    assertTrue(failed.err().contains("expected a number, found \"oops\""), failed.err());
    assertFalse(Files.exists(tmp.resolve("new")), "created for the run, and removed");
    CliRun resumed = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "2", "--tol", "0", "--checkpoint-dir",
        ck.toString(), "--resume", "--no-plots", "--no-spark-model", "--output", tmp.resolve("out2").toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("warning: no checkpoint in " + ck + " (it did not exist, and was created: check "
        + "the path if a run saved checkpoints before); starting at epoch 0"), resumed.err());
    assertTrue(Files.exists(ck), "kept: it holds the run's checkpoints");
    Path existing = Files.createDirectories(tmp.resolve("existing"));
    CliRun failedAgain = CliRun.of("--data", data.toString(), "--epochs", "3", "--checkpoint-dir",
        existing.toString(), "--output", tmp.resolve("out3").toString());
    assertEquals(2, failedAgain.code(), failedAgain.err());
    assertEquals(List.of(), listed(existing), "an existing directory stays, as it was");
  }

  /**
   * A --checkpoint-dir another live run holds (its mark names a real process, started here) is refused before the data
   * is read: the run had loaded and cached all its data first, and data with a bad line had failed on that line
   * instead; a directory of checkpoints held by a live run had been told to add --resume. The mark stays the other
   * run's.
   */
  @Test
  void aCheckpointDirAnotherRunHoldsIsRefusedBeforeTheDataIsRead(@TempDir Path tmp) throws Exception {
    Path ck = Files.createDirectories(tmp.resolve("ck"));
    Files.writeString(ck.resolve("checkpoint-00000010.ckpt"), "not read: the directory is refused first\n");
    Path data = Files.writeString(tmp.resolve("bad.csv"), "x,y\n1,2\noops,3\n");
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      String mark = "pid " + other.pid() + " on host " + java.net.InetAddress.getLocalHost().getHostName()
          + " since " + java.time.Instant.now() + "\n";
      Files.writeString(ck.resolve(".lock"), mark);
      Path out = tmp.resolve("out");
      CliRun run = CliRun.of("--data", data.toString(), "--epochs", "3", "--checkpoint-dir", ck.toString(),
          "--output", out.toString());
      assertEquals(75, run.code(), run.err()); // EX_TEMPFAIL: a scheduler's retry, not a fix of the command
      String line = run.err().strip();
      assertEquals(1, line.lines().count(), line);
      assertFalse(Files.exists(out));
      assertFalse(run.out().contains("Data: ") || run.out().contains("Epoch "), "the data was read:\n" + run.out());
      assertTrue(line.startsWith("error: --checkpoint-dir " + ck + " is in use by another run (pid " + other.pid()
          + " on host "), line);
      assertEquals(mark, Files.readString(ck.resolve(".lock")), "the other run's mark stays");
    } finally {
      other.destroy();
    }
  }

  /**
   * A --checkpoint-dir in the --output (a natural out/ck layout) trained to the end, then failed with "filled by
   * someone else" and wrote nothing; with --overwrite it deleted its own checkpoints. Now refused before the data.
   */
  @Test
  void aCheckpointDirInTheOutputIsRefusedBeforeTheDataIsRead(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    for (Path ck : List.of(out.resolve("ck"), out)) {
      CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "30", "--tol", "0", "--checkpoint-dir",
          ck.toString(), "--output", out.toString(), "--overwrite");
      String line = run.refusedInOneLine(out);
      assertFalse(run.out().contains("Data: ") || run.out().contains("Epoch "), "the data was read:\n" + run.out());
      assertEquals("error: --checkpoint-dir " + ck + (ck.equals(out) ? " is" : " is inside") + " the --output " + out
          + ", which is written at the end in place of what is there; choose a --checkpoint-dir outside it, e.g. "
          + "beside it (see --help)", line);
    }
    assertEquals(List.of(), listed(tmp), "nothing written");
  }

  /**
   * A --checkpoint-dir where no directory can be created (in /proc: even root cannot) is refused with exit 2 before
   * the data is read, instead of failing at the first checkpoint.
   */
  @Test
  void aCheckpointDirThatCannotBeCreatedIsRefusedBeforeTheDataIsRead(@TempDir Path tmp) {
    Path proc = Path.of("/proc");
    assumeFalse(!Files.isDirectory(proc) || new java.io.File("/proc/spark-dgd-test").mkdir(),
        "needs Linux's /proc, where no directory can be created");
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "30", "--tol", "0", "--checkpoint-dir",
        "/proc/nope", "--output", out.toString());
    String line = run.refusedInOneLine(out);
    assertFalse(run.out().contains("Data: ") || run.out().contains("Epoch "), "the data was read:\n" + run.out());
    assertEquals("error: --checkpoint-dir /proc/nope cannot be written: no file can be created in /proc (No such "
        + "file or directory); choose another --checkpoint-dir (see --help)", line);
  }

  private static List<Path> listed(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.toList();
    }
  }

  /**
   * A file named report[1].csv given as it is: Hadoop's glob took it for report1.csv ("the pattern matches no file",
   * exit 2), and, beside a name with a colon, blamed that other file. Predict and evaluate list --data the same way.
   */
  @Test
  void aFileNamedWithPatternCharactersIsReadAsWrittenByEveryCommand(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("exports"));
    Files.writeString(dir.resolve("export-2024-01-01T10:30.csv"), "x,y\n9,9\n"); // not read: not named
    for (String name : List.of("report[1].csv", "report{1}.csv")) {
      String data = Files.writeString(dir.resolve(name), "x,y\n1,3\n2,5\n3,7\n4,9\n").toString();
      Path out = tmp.resolve("out-" + name);
      CliRun run = CliRun.of("--data", data, "--output", out.toString());
      assertEquals(0, run.code(), run.err());
      JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
      assertEquals(4, model.get("rows").asLong(), name);
      run = CliRun.of("predict", "--model", out.toString(), "--data", data, "--output", tmp.resolve("p-" + name)
          .toString());
      assertEquals(0, run.code(), run.err());
      run = CliRun.of("evaluate", "--model", out.toString(), "--data", data, "--output", tmp.resolve("m-" + name
          + ".json").toString());
      assertEquals(0, run.code(), run.err());
    }
  }
}

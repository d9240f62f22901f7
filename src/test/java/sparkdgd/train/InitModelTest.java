package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.data.InputError;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code --init-model}: training starts from a saved model. Checked against the closed-form answer (a run that
 * starts there is already at it) and against one uninterrupted run (five epochs, then five more from the saved
 * model, are ten).
 */
@Tag("spark")
class InitModelTest {
  private static final double[] W = {0.5, -1, 2};

  @TempDir
  Path tmp;

  private static double[] coefficientsAndIntercept(LinearModel m) {
    double[] c = Arrays.copyOf(m.coefficients(), m.coefficients().length + 1);
    c[c.length - 1] = m.intercept();
    return c;
  }

  /** A model.json of {@code names} with {@code coef = [w.., b]} in that order, as a training run writes one. */
  private Path modelDir(String name, List<String> names, double[] coef, String modelType) throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("modelType", modelType);
    json.put("loss", modelType.equals("logistic-regression") ? "logistic" : "squared");
    json.put("featureNames", names);
    json.put("coefficients", Arrays.copyOf(coef, names.size()));
    json.put("intercept", coef[names.size()]);
    json.put("labelName", "y");
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.write(dir.resolve("model.json"), new ObjectMapper().writeValueAsBytes(json));
    return dir;
  }

  private static TrainingSummary train(Configs c, ProgressListener listener) {
    return TrainingJob.run(SparkTestSession.get(), c.build(), listener);
  }

  @Test
  void aRunFromTheLeastSquaresAnswerStartsAtItsLossAndStaysThere() throws Exception {
    Dataset d = Dataset.correlated(2000, W, 3, 0.5, 0.4, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    // the model's features in another order than the data's: matched by name
    double[] shuffled = {exact[2], exact[0], exact[1], exact[3]};
    Path model = modelDir("exact", List.of("x3", "x1", "x2"), shuffled, "linear-regression");
    double[] initial = {Double.NaN};
    OptimizerSettings lbfgs = new OptimizerSettings(OptimizerKind.LBFGS, 1, 1, ScheduleKind.CONSTANT, 100, 1, 1e-9,
        0, 0);
    TrainingSummary s = train(Configs.data(csv).initModel(model.toString()).epochs(50).tol(0).optimization(lbfgs)
        .partitions(3), new ProgressListener() {
          @Override
          public void initial(double mse) {
            initial[0] = mse;
          }
        });
    assertEquals(d.mse(exact), initial[0], 1e-12 * d.mse(exact), "epoch 0 is the least-squares answer's MSE");
    assertTrue(s.epochs() <= 1, "already converged, yet " + s.epochs() + " epochs");
    assertTrue(LeastSquares.relativeError(coefficientsAndIntercept(s.model()), exact) < 1e-9,
        Arrays.toString(coefficientsAndIntercept(s.model())));
  }

  @Test
  void fiveEpochsThenFiveMoreFromTheSavedModelAreTen() throws Exception {
    Dataset d = Dataset.correlated(2000, W, 3, 0.5, 0.4, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    LinearModel five = train(Configs.data(csv).epochs(5).tol(0).partitions(3), ProgressListener.NONE).model();
    Path saved = modelDir("five", five.featureNames(), coefficientsAndIntercept(five), "linear-regression");
    LinearModel continued = train(Configs.data(csv).initModel(saved.toString()).epochs(5).tol(0).partitions(3),
        ProgressListener.NONE).model();
    LinearModel ten = train(Configs.data(csv).epochs(10).tol(0).partitions(3), ProgressListener.NONE).model();
    double diff = LeastSquares.relativeError(coefficientsAndIntercept(continued), coefficientsAndIntercept(ten));
    // gradient descent keeps no state but the parameters: only the raw-internal round trip's rounding differs
    assertTrue(diff < 1e-12, "continued " + Arrays.toString(coefficientsAndIntercept(continued)) + ", ten "
        + Arrays.toString(coefficientsAndIntercept(ten)));
    assertTrue(LeastSquares.relativeError(coefficientsAndIntercept(five), coefficientsAndIntercept(ten)) > 1e-6,
        "five epochs are not yet ten");
  }

  /**
   * A checkpoint takes precedence over --init-model: resuming needs neither the same flag nor the model any more
   * (the fingerprint had held the path, so a resume without it was refused as "other settings").
   */
  @Test
  void aCheckpointTakesPrecedenceOverTheStartingModel() throws Exception {
    Dataset d = Dataset.correlated(2000, W, 3, 0.5, 0.4, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    LinearModel two = train(Configs.data(csv).epochs(2).tol(0).partitions(3), ProgressListener.NONE).model();
    Path saved = modelDir("two", two.featureNames(), coefficientsAndIntercept(two), "linear-regression");
    String checkpoints = tmp.resolve("ckpt").toString();
    train(Configs.data(csv).initModel(saved.toString()).epochs(4).tol(0).partitions(3)
        .checkpoints(checkpoints, 2, false), ProgressListener.NONE);
    Files.delete(saved.resolve("model.json"));
    TrainingSummary resumedRun = train(Configs.data(csv).epochs(6).tol(0).partitions(3)
        .checkpoints(checkpoints, 2, true), ProgressListener.NONE);
    LinearModel resumed = resumedRun.model();
    // model.json's initModel is the model epoch 0 started from, which the checkpoints recorded, not the resuming
    // command's flag (none here: it was null)
    assertEquals(saved.toString(), resumedRun.initModel());
    LinearModel eight = train(Configs.data(csv).epochs(8).tol(0).partitions(3), ProgressListener.NONE).model();
    double diff = LeastSquares.relativeError(coefficientsAndIntercept(resumed), coefficientsAndIntercept(eight));
    assertTrue(diff < 1e-12, "2 epochs, then 4 from the saved model, then 2 resumed are 8: " + diff);
  }

  @Test
  void aModelThatDoesNotFitTheRunIsRefusedNamingWhy() throws Exception {
    Dataset d = Dataset.correlated(200, W, 3, 0.5, 0.4, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] coef = {1, 2, 3, 4};
    Path other = modelDir("other", List.of("x1", "x2", "z"), coef, "linear-regression");
    InputError e = assertThrows(InputError.class, () -> train(Configs.data(csv).initModel(other.toString()),
        ProgressListener.NONE));
    assertEquals("--init-model " + other + ": its features [x1, x2, z] are not the data's [x1, x2, x3] (the model lacks x3; the data "
        + "lacks z); start from a model trained on the same features", e.getMessage());
    Path wide = modelDir("wide", List.of("x1", "x2", "x3"), coef, "linear-regression");
    e = assertThrows(InputError.class, () -> train(Configs.data(csv).features("x1", "x2").initModel(wide.toString()),
        ProgressListener.NONE));
    assertEquals("--init-model " + wide + ": its features [x1, x2, x3] are not the run's [x1, x2] (--features leaves out x3); start "
        + "from a model trained on the same features, or choose its features with --features", e.getMessage());
    Path logistic = modelDir("logistic", List.of("x1", "x2", "x3"), coef, "logistic-regression");
    e = assertThrows(InputError.class, () -> train(Configs.data(csv).initModel(logistic.toString()),
        ProgressListener.NONE));
    assertEquals("--init-model " + logistic + ": is a logistic-regression model, but this run trains linear-regression "
        + "(--loss squared); pass --loss logistic to go on training it, or start from a model trained with a squared "
        + "or Huber loss", e.getMessage());
    Path withIntercept = modelDir("b", List.of("x1", "x2", "x3"), coef, "linear-regression");
    e = assertThrows(InputError.class, () -> train(Configs.data(csv).withoutIntercept()
        .initModel(withIntercept.toString()), ProgressListener.NONE));
    assertEquals("--init-model " + withIntercept + ": has intercept 4.0, but --fit-intercept false fits none; start from a model "
        + "trained with --fit-intercept false, or fit the intercept", e.getMessage());
    // a wide model (LIBSVM's x1..xD) against data with one feature more: counted, not listed; and at once (the
    // features were compared as lists, O(d^2): 30 s at 1e5)
    List<String> manyNames = new java.util.ArrayList<>();
    for (int j = 1; j <= 200_000; j++) {
      manyNames.add("x" + j);
    }
    LinearModel many = new LinearModel(manyNames, new double[manyNames.size()], 0, "y");
    List<String> oneMore = new java.util.ArrayList<>(manyNames);
    oneMore.add("x200001");
    long start = System.nanoTime();
    e = assertThrows(InputError.class, () -> InitialModel.raw(many, "--init-model m", oneMore, false,
        sparkdgd.config.LossKind.SQUARED, true));
    assertTrue(System.nanoTime() - start < 5e9, "took " + (System.nanoTime() - start) / 1e9 + " s");
    assertEquals("--init-model m: its features 200,000 (x1, x2, x3, ..., x200000) are not the data's 200,001 (x1, x2, "
        + "x3, ..., x200001) (the model lacks x200001); start from a model trained on the same features",
        e.getMessage());
    List<String> fewer = manyNames.subList(0, 100);
    e = assertThrows(InputError.class, () -> InitialModel.raw(many, "--init-model m", fewer, false,
        sparkdgd.config.LossKind.SQUARED, true));
    assertTrue(e.getMessage().endsWith("(the data lacks x101, x102, x103, x104, x105, x106, x107, x108, x109, x110 "
        + "and 199,890 more); start from a model trained on the same features"), e.getMessage());
    e = assertThrows(InputError.class, () -> train(Configs.data(csv).initModel(tmp.resolve("none").toString()),
        ProgressListener.NONE));
    assertEquals(tmp.resolve("none") + ": no such model directory; --init-model takes the --output directory of a "
        + "training run", e.getMessage());
  }
}

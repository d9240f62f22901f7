package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.SparseBlockBuilder;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/** The automatic step for mini-batches: one over the curvature a batch can have (Gower et al.'s L_b). */
class MiniBatchStepTest {

  @Test
  void theBatchCurvatureGoesFromASingleRowsToTheWholeObjectives() {
    assertEquals(2.0, MiniBatchStep.curvature(2, 8, 1000, 1000), 0.0, "every row: the whole objective's");
    assertEquals(8.0, MiniBatchStep.curvature(2, 8, 1000, 1), 1e-15, "one row: a single row's");
    assertEquals(1000.0 * 99 / (100 * 999) * 2 + 900.0 / (100 * 999) * 8, MiniBatchStep.curvature(2, 8, 1000, 100),
        1e-15);
    assertEquals(2.0, MiniBatchStep.curvature(2, 8, 1000, 5000), 0.0, "more draws than rows");
  }

  /**
   * The largest squared row norm in the optimizer's coordinates, {@code sum_j ((x_j - mean_j) / std_j)^2 + 1}, constant
   * features left out, computed here row by row from the values: the same from dense and sparse blocks of the rows.
   */
  @Test
  void theLargestRowNormIsTheStandardizedRowsFromDenseAndSparseBlocks() {
    int n = 57;
    int d = 6;
    Random rnd = new Random(4);
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = j == 2 ? 0 : rnd.nextDouble() < 0.6 ? 0 : 3 + rnd.nextGaussian() * (j + 1); // column 2 constant
      }
    }
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        mean[j] += x[i * d + j] / n;
      }
      for (int i = 0; i < n; i++) {
        std[j] += (x[i * d + j] - mean[j]) * (x[i * d + j] - mean[j]) / n;
      }
      std[j] = Math.sqrt(std[j]);
    }
    double expected = 0;
    double expectedRaw = 0;
    for (int i = 0; i < n; i++) {
      double norm = 1;
      double raw = 0;
      for (int j = 0; j < d; j++) {
        if (std[j] > 0) {
          norm += Math.pow((x[i * d + j] - mean[j]) / std[j], 2);
        }
        raw += x[i * d + j] * x[i * d + j];
      }
      expected = Math.max(expected, norm);
      expectedRaw = Math.max(expectedRaw, raw);
    }
    SparseBlockBuilder sb = new SparseBlockBuilder(d, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        if (x[i * d + j] != 0) {
          sb.add(j, x[i * d + j]);
        }
      }
      sb.commitRow(y[i]);
    }
    List<Block> both = List.of(new DenseBlock(n, d, x, y), sb.build());
    FeatureScaling standardized = FeatureScaling.standardize(mean, std);
    FeatureScaling raw = FeatureScaling.identity(d).withoutIntercept();
    for (Block b : both) {
      assertEquals(expected, standardized.largestRowNorm(b, standardized.unlistedNorm()), 1e-12 * expected,
          b.getClass().getSimpleName());
      assertEquals(expectedRaw, raw.largestRowNorm(b, raw.unlistedNorm()), 1e-12 * expectedRaw,
          b.getClass().getSimpleName() + ", raw");
    }
  }

  /**
   * Sparse rows whose rare features are far out once standardized (as LIBSVM data sets' are): 0.1 batches at the whole
   * objective's 1/L diverge (a review's 400,000 rows of 1e6 features went from MSE 0.36 to 4.4e7 in 20 epochs); at
   * the batches' automatic step they go down.
   */
  @Tag("spark")
  @Test
  void batchesOfRowsWithRareFeaturesTrainAtTheAutomaticStepWhereTheWholeObjectivesDiverges(@TempDir Path tmp)
      throws Exception {
    Path svm = rareFeatures(tmp.resolve("rare.libsvm"));
    OptimizerSettings batches = new OptimizerSettings(OptimizerKind.GD, 0.1, 1, ScheduleKind.CONSTANT, 100, 3, 0, 0,
        0);
    double[] wholeStep = new double[1];
    double[] batchStep = new double[1];
    ProgressListener steps = new ProgressListener() {
      @Override
      public void learningRateEstimated(double largestEigenvalue, int passes, double learningRate, double moving) {
        wholeStep[0] = learningRate;
      }

      @Override
      public void learningRateForBatches(double batchCurvature, double single, double batchRows, double rate) {
        batchStep[0] = rate;
      }
    };
    TrainingSummary auto = TrainingJob.run(SparkTestSession.get(), Configs.data(svm).epochs(40).tol(0)
        .partitions(2).logEvery(10).optimization(batches).build(), steps);
    assertTrue(batchStep[0] > 0 && batchStep[0] < wholeStep[0] / 2, batchStep[0] + " against " + wholeStep[0]);
    double start = auto.history().get(0).objective();
    double end = auto.history().get(auto.history().size() - 1).objective();
    assertTrue(end < start, "from " + start + " to " + end);
    // a batch in runs of 64 rows is taken as 64 draws of a row, shuffled or not: the rows' step
    double rowsStep = batchStep[0];
    double[] runs = new double[2];
    for (boolean shuffled : new boolean[] {false, true}) {
      OptimizerSettings inRuns = new OptimizerSettings(OptimizerKind.GD, 0.1, 64, ScheduleKind.CONSTANT, 100, 3, 0, 0,
          0, shuffled);
      TrainingJob.run(SparkTestSession.get(), Configs.data(svm).epochs(1).tol(0).partitions(2).optimization(inRuns)
          .build(), steps);
      runs[shuffled ? 1 : 0] = batchStep[0];
    }
    assertEquals(rowsStep, runs[0], 1e-12 * rowsStep, "runs: the rows' step");
    assertEquals(rowsStep, runs[1], 1e-12 * rowsStep, "shuffled runs: the rows' step");
    assertEquals(rowsStep, auto.learningRate(), 0.0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> TrainingJob.run(
        SparkTestSession.get(), Configs.data(svm).epochs(40).tol(0).partitions(2).logEvery(10).optimization(batches)
            .learningRate(wholeStep[0]).build(), ProgressListener.NONE));
    assertTrue(e.getMessage().contains("; use a smaller --learning-rate (or --learning-rate auto)"), e.getMessage());
  }

  /** A divergence at the automatic rate is not told to use the automatic rate (a review was, at 0.1 batches). */
  @Test
  void aDivergenceAtTheAutomaticRateSaysWhatElseToDo() {
    assertEquals("pass a --learning-rate below the automatic 0.4 (e.g. 0.1), a larger --batch-fraction, or "
        + "--learning-rate-schedule inverse-sqrt", Trainer.autoRateRemedy(0.4, 0.1, ScheduleKind.CONSTANT));
    assertEquals("pass a --learning-rate below the automatic 0.4 (e.g. 0.1) or a larger --batch-fraction",
        Trainer.autoRateRemedy(0.4, 0.1, ScheduleKind.INVERSE_SQRT));
    assertEquals("pass a --learning-rate below the automatic 0.4 (e.g. 0.1)",
        Trainer.autoRateRemedy(0.4, 1, ScheduleKind.CONSTANT));
  }

  /** 2,000 rows of 20 non-zeros among 5,000 features, half of them drawn log-uniformly (so many are rare). */
  private static Path rareFeatures(Path file) throws Exception {
    Random rnd = new Random(12);
    int d = 5000;
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = rnd.nextDouble() * 2 - 1;
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      TreeMap<Integer, Double> row = new TreeMap<>();
      while (row.size() < 20) {
        int j = row.size() % 2 == 0 ? (int) Math.exp(rnd.nextDouble() * Math.log(d)) - 1 : rnd.nextInt(d);
        row.put(Math.min(j, d - 1), Math.round(rnd.nextDouble() * 1000) / 1000.0);
      }
      double label = 0.1 * rnd.nextGaussian();
      StringBuilder line = new StringBuilder();
      for (var e : row.entrySet()) {
        label += w[e.getKey()] * e.getValue();
        line.append(' ').append(e.getKey() + 1).append(':').append(e.getValue());
      }
      lines.add(String.format(Locale.ROOT, "%.6f", label) + line);
    }
    return Files.write(file, lines);
  }
}

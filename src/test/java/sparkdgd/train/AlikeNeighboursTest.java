package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

class AlikeNeighboursTest {

  /** Blocks of {@code blockRows} rows (one feature, 0) holding {@code y} in order. */
  private static List<Block> blocks(double[] y, int blockRows) {
    List<Block> out = new java.util.ArrayList<>();
    for (int from = 0; from < y.length; from += blockRows) {
      int n = Math.min(blockRows, y.length - from);
      out.add(new DenseBlock(n, 1, new double[n], Arrays.copyOfRange(y, from, from + n)));
    }
    return out;
  }

  /** The neighbours' correlation computed directly, two passes, the pairs within each block of {@code blockRows}. */
  private static double direct(double[] y, int blockRows) {
    double mean = Arrays.stream(y).average().orElseThrow();
    double variance = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / y.length;
    double steps = 0;
    long pairs = 0;
    for (int i = 1; i < y.length; i++) {
      if (i % blockRows != 0) {
        steps += (y[i] - y[i - 1]) * (y[i] - y[i - 1]);
        pairs++;
      }
    }
    return 1 - steps / pairs / (2 * variance);
  }

  @Test
  void aboutZeroInRandomOrderNearOneSortedAndPartsAddUp() {
    Random random = new Random(3);
    double[] y = new double[20_000];
    for (int i = 0; i < y.length; i++) {
      y[i] = 1e6 + random.nextGaussian(); // far from 0: the merge must not lose the variance's digits
    }
    List<Block> inOrder = blocks(y, 100);
    AlikeNeighbours.Sums whole = AlikeNeighbours.Sums.of(inOrder.iterator());
    assertEquals(direct(y, 100), whole.correlation(), 1e-9);
    assertTrue(Math.abs(whole.correlation()) < 0.05, "random order: " + whole.correlation());
    // two partitions, merged: the same sums, the pairs within blocks only
    AlikeNeighbours.Sums parts = AlikeNeighbours.Sums.of(inOrder.subList(0, 77).iterator())
        .plus(AlikeNeighbours.Sums.of(inOrder.subList(77, inOrder.size()).iterator()));
    assertEquals(whole.n(), parts.n());
    assertEquals(whole.mean(), parts.mean(), 1e-6);
    assertEquals(whole.squares(), parts.squares(), 1e-6 * whole.squares());
    assertEquals(whole.correlation(), parts.correlation(), 1e-9);
    assertEquals(whole, whole.plus(AlikeNeighbours.Sums.NONE));
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double alike = AlikeNeighbours.Sums.of(blocks(sorted, 100).iterator()).correlation();
    assertEquals(direct(sorted, 100), alike, 1e-9);
    assertTrue(alike > 0.99, "sorted: " + alike);
  }

  @Test
  void warnsAboveTheThresholdOnlyNamingTheRunsAndTheFix() {
    assertEquals(Optional.empty(), AlikeNeighbours.warning(0.05, 10_000, 64));
    assertEquals(Optional.empty(), AlikeNeighbours.warning(Double.NaN, 10_000, 64));
    // few pairs: random order reads up to a few 1 / sqrt(pairs), so the bar is 5 of them (0.29 at 300 pairs)
    assertEquals(Optional.empty(), AlikeNeighbours.warning(0.17, 300, 64));
    assertTrue(AlikeNeighbours.warning(0.17, 10_000, 64).isPresent());
    assertTrue(AlikeNeighbours.warning(0.3, 300, 64).isPresent());
    assertEquals(Optional.of("neighbouring rows have alike labels (their correlation is 0.93; about 0 in random "
        + "order): the input looks sorted, and a batch in runs of 64 rows then holds a few bands of alike rows, whose "
        + "gradient varies more than that of as many rows drawn one by one (docs/CONVERGENCE.md: Row order); add "
        + "--shuffle-rows to put the rows in random order as they are cached, or leave this be if the rows are sorted "
        + "by a feature that explains the label"), AlikeNeighbours.warning(0.93, 10_000, 64));
  }

  @Test
  @Tag("spark")
  void aTrainingRunInRunsOfASortedFileIsToldAndNotWithShuffledRows(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(4000, new double[] {1, -2, 0.5}, 3, 0.3, 1.0, 9);
    Path random = d.writeCsv(tmp.resolve("random.csv"));
    Path sorted = d.sortedByLabel().writeCsv(tmp.resolve("s.csv"));
    assertEquals(1, alikeWarnings(sorted, 16, false).size(), "sorted, in runs");
    assertEquals(List.of(), alikeWarnings(sorted, 16, true), "sorted, shuffled");
    assertEquals(List.of(), alikeWarnings(sorted, 1, false), "sorted, row by row");
    assertEquals(List.of(), alikeWarnings(random, 16, false), "random order, in runs");
  }

  @Test
  @Tag("spark")
  void aTrendTheFeaturesDoNotExplainIsToldAfterTrainingByTheResiduals(@TempDir Path tmp) throws Exception {
    // y = x.w + 3 + noise + 3 t, rows in time order and t not a feature: the labels' neighbours correlate little,
    // the residuals' much (a review's time-ordered file: 0.05 and 0.75)
    Dataset d = Dataset.correlated(4000, new double[] {1, -2, 0.5}, 3, 0.3, 0.5, 9);
    double[] y = d.y().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += 3.0 * i / y.length;
    }
    Dataset trend = new Dataset(d.x(), y, d.featureNames());
    double labels = AlikeNeighbours.Sums.of(blocks(y, 64).iterator()).correlation();
    assertTrue(labels < AlikeNeighbours.ALIKE, "the labels would have told it: " + labels);
    Path csv = trend.writeCsv(tmp.resolve("trend.csv"));
    List<String> inRuns = linesOf(csv, 16, false).stream().filter(line -> line.contains("alike")).toList();
    assertEquals(1, inRuns.size(), inRuns.toString());
    assertTrue(inRuns.get(0).startsWith("warning: the residuals of neighbouring rows are alike (their correlation is "),
        inRuns.get(0));
    assertTrue(inRuns.get(0).endsWith("add --shuffle-rows to put the rows in random order as they are cached"));
    assertEquals(List.of(), linesOf(csv, 16, true).stream().filter(line -> line.contains("alike")).toList());
    // sorted by label: told once, before training
    assertEquals(1, linesOf(sortedByLabel(d, tmp), 16, false).stream().filter(line -> line.contains("alike")).count());
  }

  /** The multipliers are each loss's: margin minus label (squared), clipped (Huber), probability minus label. */
  @Test
  void theMultipliersAreTheLossesOwnForEveryLoss() {
    DenseBlock b = new DenseBlock(2, 2, new double[] {1, 2, 3, 4}, new double[] {10, 1});
    double[] m = {1 + 2 + 0.5, 3 + 4 + 0.5};
    double[] r = AlikeNeighbours.multipliers(b, new double[] {1, 1}, 0.5, loss(sparkdgd.config.LossKind.SQUARED));
    assertEquals(m[0] - 10, r[0], 1e-12);
    assertEquals(m[1] - 1, r[1], 1e-12);
    double[] h = AlikeNeighbours.multipliers(b, new double[] {1, 1}, 0.5, loss(sparkdgd.config.LossKind.HUBER));
    assertEquals(-1, h[0], 1e-12, "|residual| above the delta of 1: clipped");
    assertEquals(1, h[1], 1e-12);
    DenseBlock zeroOne = new DenseBlock(2, 2, new double[] {1, 2, 3, 4}, new double[] {0, 1});
    // the logistic loss also fills its AUC histogram, slots past its sums: it once overran the scratch array here
    double[] p = AlikeNeighbours.multipliers(zeroOne, new double[] {1, -1}, 0.25,
        loss(sparkdgd.config.LossKind.LOGISTIC));
    assertEquals(1 / (1 + Math.exp(-(1 - 2 + 0.25))) - 0, p[0], 1e-12);
    assertEquals(1 / (1 + Math.exp(-(3 - 4 + 0.25))) - 1, p[1], 1e-12);
  }

  private static sparkdgd.loss.PointLoss loss(sparkdgd.config.LossKind kind) {
    return sparkdgd.loss.PointLoss.of(new sparkdgd.config.LossSettings(kind, 1, 0, 0, true));
  }

  @Test
  @Tag("spark")
  void logisticAndHuberRunsInRunsOfRowsInRandomOrderEndWithoutAWord(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(4000, new double[] {1, -2, 0.5}, 0.2, 0.3, 1.0, 9);
    double[] classes = Arrays.stream(d.y()).map(v -> v > 0.2 ? 1 : 0).toArray();
    Path zeroOne = new Dataset(d.x(), classes, d.featureNames()).writeCsv(tmp.resolve("classes.csv"));
    for (sparkdgd.config.LossKind kind : List.of(sparkdgd.config.LossKind.LOGISTIC, sparkdgd.config.LossKind.HUBER)) {
      ResidentTasksSaid said = new ResidentTasksSaid();
      OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 0.2, 16, ScheduleKind.CONSTANT, 100, 1, 0, 0, 0);
      TrainingJob.run(SparkTestSession.get(), Configs.data(zeroOne).epochs(20).tol(0).partitions(2)
          .objective(kind, 0, 0).optimization(o).build(), said);
      assertEquals(List.of(), said.lines.stream().filter(line -> line.contains("alike")).toList(), kind.toString());
    }
  }

  private static Path sortedByLabel(Dataset d, Path tmp) throws java.io.IOException {
    return d.sortedByLabel().writeCsv(tmp.resolve("by.csv"));
  }

  @Test
  @Tag("spark")
  void shuffledRowsDrawnOneByOneAreToldTheyOnlyCostAShuffle(@TempDir Path tmp) throws Exception {
    Path csv = Dataset.correlated(400, new double[] {1}, 0, 0, 1.0, 9).writeCsv(tmp.resolve("d.csv"));
    List<String> said = linesOf(csv, 1, true);
    assertTrue(said.contains("warning: --shuffle-rows with batches drawn row by row (--batch-run-rows 1) only cost a "
        + "shuffle at load: rows drawn one by one are random rows in any order; shuffled rows pay off in runs, e.g. "
        + "--batch-run-rows 4096, which reads a batch at a full pass's speed"), said.toString());
    assertTrue(linesOf(csv, 4, true).stream().noneMatch(line -> line.contains("--shuffle-rows")));
  }

  private static List<String> alikeWarnings(Path csv, int runRows, boolean shuffle) {
    return linesOf(csv, runRows, shuffle).stream().filter(line -> line.contains("alike labels")).toList();
  }

  /** What a two-epoch run of 0.2 batches tells its listener. */
  private static List<String> linesOf(Path csv, int runRows, boolean shuffle) {
    ResidentTasksSaid said = new ResidentTasksSaid();
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 0.2, runRows, ScheduleKind.CONSTANT, 100, 1, 0, 0,
        0, shuffle);
    TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(2).tol(0).partitions(2).optimization(o).build(),
        said);
    return said.lines;
  }
}

package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowSampler;
import sparkdgd.block.SparseBlockBuilder;

/**
 * A pass over blocks whose rows have weights adds what a plain loop over the same rows adds, each row's multiplier
 * and sums times its weight and its weight in the rows' slot: for every loss and block layout, whole blocks and
 * mini-batches in runs (which four-run loops take without weights: {@link InterleavedRuns}).
 */
class WeightedKernelTest {
  private static final int D = 5;

  private static List<Block> blocks(String layout, Random rnd) {
    List<Block> out = new ArrayList<>();
    for (int rows : new int[] {37, 128, 64}) {
      BlockBuilder dense = new BlockBuilder(D, rows, true);
      SparseBlockBuilder sparse = new SparseBlockBuilder(D, rows, true);
      for (int i = 0; i < rows; i++) {
        double[] slot = dense.featureSlot();
        int at = dense.slotOffset();
        for (int j = 0; j < D; j++) {
          double x = rnd.nextInt(3) == 0 ? 0 : rnd.nextGaussian() + j;
          slot[at + j] = x;
          sparse.add(j, x);
        }
        double y = rnd.nextBoolean() ? 1 : 0;
        double w = rnd.nextInt(8) == 0 ? 0 : 3 * rnd.nextDouble();
        dense.commitRow(y, w);
        sparse.commitRow(y, w);
      }
      DenseBlock d = dense.build();
      out.add(switch (layout) {
        case "dense" -> d;
        case "float" -> DenseFloatBlock.of(d);
        default -> sparse.build();
      });
    }
    return out;
  }

  private static PointLoss loss(String name) {
    return switch (name) {
      case "squared" -> new SquaredLoss();
      case "huber" -> new HuberLoss(0.7);
      default -> new LogisticLoss();
    };
  }

  /** The row's loss and multiplier by the textbook formulas. */
  private static double[] lossAndMultiplier(String name, double m, double y) {
    double r = m - y;
    return switch (name) {
      case "squared" -> new double[] {r * r, r};
      case "huber" -> new double[] {Math.abs(r) <= 0.7 ? r * r / 2 : 0.7 * (Math.abs(r) - 0.35),
          Math.max(-0.7, Math.min(0.7, r))};
      default -> new double[] {Math.log1p(Math.exp(m)) - y * m, 1 / (1 + Math.exp(-m)) - y};
    };
  }

  /** Adds row {@code i} of {@code b} as a plain loop would: gradient sums, the loss and the weight. */
  private static void addRow(String name, Block b, int i, double[] coef, double[] expected) {
    double m = coef[D];
    for (int j = 0; j < D; j++) {
      m += b.value(i, j) * coef[j];
    }
    double w = b.weights()[i];
    double[] lg = lossAndMultiplier(name, m, b.labels()[i]);
    for (int j = 0; j < D; j++) {
      expected[j] += w * lg[1] * b.value(i, j);
    }
    expected[D] += w * lg[1];
    expected[D + PointLoss.LOSS] += w * lg[0];
    expected[D + PointLoss.ROWS] += w;
    expected[D + PointLoss.LABELS] += w * b.labels()[i];
  }

  private static void assertSums(double[] expected, double[] actual, String what) {
    for (int k : new int[] {0, 1, 2, 3, 4, D, D + PointLoss.LOSS, D + PointLoss.ROWS, D + PointLoss.LABELS}) {
      assertEquals(expected[k], actual[k], 1e-11 * Math.max(1, Math.abs(expected[k])), what + ", slot " + k);
    }
  }

  @ParameterizedTest(name = "{0} loss, {1} blocks")
  @CsvSource({"squared, dense", "squared, float", "squared, sparse", "huber, dense", "huber, sparse",
      "logistic, dense", "logistic, float", "logistic, sparse"})
  void wholeBlocksAddEachRowTimesItsWeight(String name, String layout) {
    Random rnd = new Random(name.hashCode() + layout.hashCode());
    List<Block> blocks = blocks(layout, rnd);
    double[] coef = {0.3, -0.2, 0.1, 0.05, -0.4, 0.2};
    PointLoss loss = loss(name);
    double[] expected = new double[LossKernel.width(D, loss)];
    double[] actual = new double[LossKernel.width(D, loss)];
    for (Block b : blocks) {
      for (int i = 0; i < b.rows(); i++) {
        addRow(name, b, i, coef, expected);
      }
      LossKernel.addBlock(b, coef, loss, 1.0, actual);
    }
    assertSums(expected, actual, name + " " + layout);
  }

  @ParameterizedTest(name = "runs of {0} rows, {1} blocks")
  @CsvSource({"8, dense", "32, dense", "32, float", "1, dense", "32, sparse"})
  void miniBatchesInRunsAddTheChosenRowsTimesTheirWeights(int runRows, String layout) {
    List<Block> blocks = blocks(layout, new Random(runRows));
    double[] coef = {0.3, -0.2, 0.1, 0.05, -0.4, 0.2};
    PointLoss loss = new SquaredLoss();
    RowSampler sample = RowSampler.sample(0.5, runRows, 42L, 3);
    double[] expected = new double[LossKernel.width(D, loss)];
    RowSampler.Cursor chooser = sample.cursor(0);
    for (Block b : blocks) {
      if (chooser.skip(b.rows())) {
        continue;
      }
      int[] rows = chooser.next(b.rows());
      for (int k = 0; k < chooser.count(); k++) {
        addRow("squared", b, rows[k], coef, expected);
      }
    }
    double[] actual = new double[LossKernel.width(D, loss)];
    BlockSummer summer = LossKernel.summer(sample.cursor(0), coef, loss, 1.0);
    for (Block b : blocks) {
      if (!summer.skips(b.rows())) {
        summer.add(b, actual);
      }
    }
    summer.finish(actual);
    assertSums(expected, actual, "runs of " + runRows + ", " + layout);
  }
}

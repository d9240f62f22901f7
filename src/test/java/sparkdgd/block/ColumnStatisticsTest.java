package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.testing.RowMajor;

/**
 * The two statistics passes' block sums, added across blocks exactly as {@link BlockPass} adds them, against
 * spreads computed in {@link BigDecimal} from the same values.
 */
class ColumnStatisticsTest {
  private static final int BLOCK_ROWS = 4096;
  private static final int BLOCKS = 5;
  private static final MathContext EXACT = MathContext.DECIMAL128;

  /**
   * Columns: 7.3 in every row, -123.456 in every row, 1e8 plus a spread of 1e-6, and 1 + N(0, 1) with every third
   * row 0 (left out of the sparse blocks, where each adds -mean and mean^2 to the sums).
   */
  private static double value(int column, int row, Random rnd) {
    return switch (column) {
      case 0 -> 7.3;
      case 1 -> -123.456;
      case 2 -> 1e8 + 1e-6 * rnd.nextDouble();
      default -> row % 3 == 0 ? 0 : 1 + rnd.nextGaussian();
    };
  }

  private static final int D = 4;

  private static List<Block> denseBlocks() {
    Random rnd = new Random(5);
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < BLOCKS; k++) {
      double[] x = new double[BLOCK_ROWS * D];
      double[] y = new double[BLOCK_ROWS];
      for (int i = 0; i < BLOCK_ROWS; i++) {
        for (int j = 0; j < D; j++) {
          x[i * D + j] = value(j, i, rnd);
        }
        y[i] = 2.7;
      }
      blocks.add(new DenseBlock(BLOCK_ROWS, D, x, y));
    }
    return blocks;
  }

  /** The same rows as sparse blocks, the zeros left out (the constant columns have none, so stay constant). */
  private static List<Block> sparse(List<Block> dense) {
    List<Block> out = new ArrayList<>();
    for (Block b : dense) {
      double[] rowMajor = RowMajor.of(b);
      SparseBlockBuilder sb = new SparseBlockBuilder(D, b.rows());
      for (int i = 0; i < b.rows(); i++) {
        for (int j = 0; j < D; j++) {
          if (rowMajor[i * D + j] != 0) {
            sb.add(j, rowMajor[i * D + j]);
          }
        }
        sb.commitRow(b.labels()[i]);
      }
      out.add(sb.build());
    }
    return out;
  }

  /** Both passes over the blocks, each block's sums added exactly, as a pass over cached blocks does. */
  private static double[] spreads(List<Block> blocks, double[] meansOut) {
    BigDecimal[] sums = new BigDecimal[D + 1];
    java.util.Arrays.fill(sums, BigDecimal.ZERO);
    long rows = 0;
    for (Block b : blocks) {
      double[] acc = new double[ColumnStatistics.columnSumsWidth(D)];
      ColumnStatistics.addColumnSums(b, acc);
      for (int j = 0; j <= D; j++) {
        sums[j] = sums[j].add(new BigDecimal(acc[j]));
      }
      rows += b.rows();
    }
    double[] centre = new double[D + 1];
    for (int j = 0; j <= D; j++) {
      centre[j] = sums[j].doubleValue() / rows;
    }
    System.arraycopy(centre, 0, meansOut, 0, D + 1);
    int width = ColumnStatistics.deviationsWidth(D);
    BigDecimal[] deviations = new BigDecimal[width];
    java.util.Arrays.fill(deviations, BigDecimal.ZERO);
    for (Block b : blocks) {
      double[] acc = new double[width];
      ColumnStatistics.addDeviations(b, centre, acc);
      for (int j = 0; j < acc.length; j++) {
        deviations[j] = deviations[j].add(new BigDecimal(acc[j]));
      }
    }
    double[] totals = new double[width];
    for (int j = 0; j < width; j++) {
      totals[j] = deviations[j].doubleValue();
    }
    return ColumnStatistics.spreads(totals, centre, rows);
  }

  /** The population standard deviation of column j (d = the label) of the blocks' values, in BigDecimal. */
  private static double exactSpread(List<Block> blocks, int column) {
    BigDecimal sum = BigDecimal.ZERO;
    long rows = 0;
    for (Block b : blocks) {
      for (double v : columnValues(b, column)) {
        sum = sum.add(new BigDecimal(v));
      }
      rows += b.rows();
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(rows), EXACT);
    BigDecimal squares = BigDecimal.ZERO;
    for (Block b : blocks) {
      for (double v : columnValues(b, column)) {
        BigDecimal dev = new BigDecimal(v).subtract(mean);
        squares = squares.add(dev.multiply(dev));
      }
    }
    return Math.sqrt(squares.divide(BigDecimal.valueOf(rows), EXACT).doubleValue());
  }

  private static double[] columnValues(Block b, int column) {
    if (column == D) {
      return b.labels();
    }
    double[] rowMajor = RowMajor.of(b);
    double[] out = new double[b.rows()];
    for (int i = 0; i < b.rows(); i++) {
      out[i] = rowMajor[i * D + column];
    }
    return out;
  }

  @Test
  void aConstantColumnHasNoSpreadAndAVaryingOneItsExactSpread() {
    List<Block> dense = denseBlocks();
    List<Block> floats = new ArrayList<>();
    for (Block b : dense) {
      floats.add(DenseFloatBlock.of((DenseBlock) b));
    }
    double[] means = new double[D + 1];
    double[] spread = spreads(dense, means);
    // the first pass adds a block's rows in plain doubles, so the mean of a constant column is off by rounding:
    // the deviations from it are not zero, and were taken for the column's spread (8.7e-14 for 7.3)
    assertNotEquals(7.3, means[0], "the mean carries rounding, else this test shows nothing");
    for (int j : new int[] {0, 1, D}) {
      assertEquals(0.0, spread[j], "float64 column " + j);
      assertEquals(0.0, spreads(sparse(dense), new double[D + 1])[j], "sparse column " + j);
      assertEquals(0.0, spreads(floats, new double[D + 1])[j], "float32 column " + j);
    }
    for (int j : new int[] {2, 3}) {
      double exact = exactSpread(dense, j);
      // column 2: 1e8 plus at most 1e-6, held to 1.5e-8 (the doubles' spacing there), so a spread of about 3e-7
      // at 1e-16 of the mean: the corrected two-pass keeps about 6 digits of it
      double tolerance = j == 2 ? 1e-6 * exact : 1e-12 * exact;
      assertEquals(exact, spread[j], tolerance, "float64 column " + j);
      assertEquals(exact, spreads(sparse(dense), new double[D + 1])[j], tolerance, "sparse column " + j);
    }
  }

  @Test
  void aColumnThatIsNeverListedInSparseBlocksHasNoSpread() {
    SparseBlockBuilder sb = new SparseBlockBuilder(D, 3);
    for (int i = 0; i < 3; i++) {
      sb.add(3, i);
      sb.commitRow(i);
    }
    double[] spread = spreads(List.of(sb.build()), new double[D + 1]);
    assertEquals(0.0, spread[0]);
    assertEquals(Math.sqrt(2.0 / 3), spread[3], 1e-15);
  }

  /**
   * A feature of 1.0, 1.0 + 1 ulp and 1.0 + 2 ulp (a spread of 2.9e-16, a user's review) varies only by rounding:
   * no spread, as a constant one; a spread of a millionth of 1e6 (float32's steps there), one of values about 0 and
   * one of 1e-10 of values of 1e160 (whose squared size overflows) keep theirs, and a sum of squares that overflowed
   * stays an infinite spread.
   */
  @Test
  void aFeatureVaryingOnlyInItsLastBitsHasNoSpread() {
    int d = 5;
    double u = Math.ulp(1.0);
    double[] centre = {1.0, 1e6, 0.0, 1e160, 1e200, 0};
    // deviations from the centres of: {1, 1 + u, 1 + 2u}; {1e6 - 0.0625, 1e6, 1e6 + 0.0625}; {-1e-150, 0, 1e-150};
    // {1e160 - 1e150, 1e160, 1e160 + 1e150}; {1e200 - 1e190, 1e200, 1e200 + 1e190}, whose squares overflow
    double[][] dev = {{0, u, 2 * u}, {-0.0625, 0, 0.0625}, {-1e-150, 0, 1e-150}, {-1e150, 0, 1e150},
        {-1e190, 0, 1e190}};
    double[] sums = new double[3 * d + 3];
    for (int j = 0; j < d; j++) {
      for (double v : dev[j]) {
        sums[j] += v * v;
        sums[d + 1 + j] += v;
      }
    }
    double[] spread = ColumnStatistics.spreads(sums, centre, 3);
    assertEquals(0.0, spread[0], "1.0 and its next two doubles");
    assertEquals(Math.sqrt(2 * 0.0625 * 0.0625 / 3), spread[1], 1e-18);
    assertEquals(Math.sqrt(2.0 / 3) * 1e-150, spread[2], 1e-165);
    assertEquals(Math.sqrt(2.0 / 3) * 1e150, spread[3], 1e135);
    assertEquals(Double.POSITIVE_INFINITY, spread[4]);
  }

  @Test
  void spreadIsTheCorrectedTwoPassDeviation() {
    // 1, 2, 3 around c = 2.5: deviations -1.5, -0.5, 0.5 sum to -1.5, their squares to 2.75
    assertEquals(Math.sqrt(2.75 / 3 - 0.25), ColumnStatistics.spread(2.75, -1.5, 3), 1e-15);
    assertEquals(0.0, ColumnStatistics.spread(0, 0, 0));
    // every row 1e-13 from the centre: constant
    assertEquals(0.0, ColumnStatistics.spread(4 * 1e-26, 4 * 1e-13, 4));
  }

  /**
   * A partition's blocks add their deviations into one accumulator in plain doubles, so the two sums of a constant
   * column's n equal deviations drift apart with n: at 3e8 rows of 0.1 by more than {@link
   * ColumnStatistics#CONSTANT_BELOW} of their size. The bound grows with the rows, so such a column stays constant.
   */
  @Test
  void aConstantColumnOfThreeHundredMillionRowsInOnePartitionHasNoSpread() {
    // the first pass's mean, off by its own rounding: many units in the last place, so that the deviation's square
    // has more bits than 3e8 of them can add exactly
    double centre = 0.1 + 123_456_789 * Math.ulp(0.1);
    double dev = 0.1 - centre;
    double squares = 0;
    double sum = 0;
    long rows = 300_000_000L;
    for (long i = 0; i < rows; i++) {
      squares += dev * dev;
      sum += dev;
    }
    double meanSquare = squares / rows;
    double shift = sum / rows;
    double drift = (meanSquare - shift * shift) / meanSquare;
    assertTrue(drift > ColumnStatistics.CONSTANT_BELOW, "drift " + drift + ": else this shows nothing");
    assertEquals(0.0, ColumnStatistics.spread(squares, sum, rows));
  }
}

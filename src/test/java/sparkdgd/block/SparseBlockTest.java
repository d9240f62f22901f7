package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.loss.DenseLoops;
import sparkdgd.loss.HuberLoss;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;

/** The sparse layout against the dense one holding the same rows, and its checks. */
class SparseBlockTest {
  private static final int N = 57;
  private static final int D = 9;

  /** The same random rows (about 70% zeros, and one all-zero column) as a dense and a sparse block. */
  private static Block[] sameRows(long seed) {
    return sameRows(seed, D, N);
  }

  /** Row counts whose last tile of the dense block is one, two, three and four rows wide, and a lone narrow tile. */
  private static final int[] ROW_COUNTS = {57, 58, 59, 60, 3};

  private static Block[] sameRows(long seed, int d, int n) {
    Random rnd = new Random(seed);
    double[] dense = new double[n * d];
    double[] y = new double[n];
    SparseBlockBuilder sb = new SparseBlockBuilder(d, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = j != 4 && rnd.nextDouble() < 0.3 ? rnd.nextGaussian() * (j + 1) + j : 0;
        dense[i * d + j] = v;
        sb.add(j, v);
      }
      y[i] = rnd.nextGaussian();
      sb.commitRow(y[i]);
    }
    return new Block[] {new DenseBlock(n, d, dense, y.clone()), sb.build()};
  }

  @Test
  void lossSumsEqualTheDenseLoopsExactly() {
    double[] coef = {0.5, -1, 2, 0.25, 9, -3, 1.5, 0.1, -0.7, 4};
    for (int n : ROW_COUNTS) {
      Block[] b = sameRows(3, D, n);
      for (double labelWeight : new double[] {1, 0}) {
        double[] sparse = new double[LossKernel.width(D)];
        LossKernel.addBlock(b[1], coef, new SquaredLoss(), labelWeight, sparse);
        // the sparse loops add the same non-zero products in the same order as the dense scalar loops, which only
        // add zeros more
        assertArrayEquals(DenseLoops.squared(b[0], 0, n, coef, labelWeight, false), sparse, 0.0, "n=" + n);
        assertDenseOnVectorsAgrees(b[0], coef, labelWeight, sparse, "n=" + n);
      }
      // a sample: the chunked path over any rows, four at a time where they sit in full tiles
      for (int iteration = 0; iteration < 5; iteration++) {
        RowSampler sample = RowSampler.sample(0.5, 1, 11, iteration);
        double[] dense = new double[LossKernel.width(D)];
        double[] sparse = new double[LossKernel.width(D)];
        LossKernel.addBlock(b[0], sample.cursor(0), coef, new SquaredLoss(), 1, dense);
        LossKernel.addBlock(b[1], sample.cursor(0), coef, new SquaredLoss(), 1, sparse);
        assertArrayEquals(dense, sparse, 0.0, "n=" + n + ", sample " + iteration);
      }
    }
    assertEquals(0.0, dense(sameRows(3))[4], 0.0);
  }

  /**
   * Wide rows go four rows of a tile at a time like narrow ones, one margin chain each (DenseKernel); the
   * sparse sums must still be theirs, for every count of features past a multiple of four and every width
   * of the last tile, through the fused loop (squared loss) and the chunked one (Huber with a delta no
   * residual reaches).
   */
  @Test
  void lossSumsEqualTheDenseLoopsExactlyForWideRows() {
    for (int d : new int[] {33, 34, 35, 36, 45, 100}) {
      for (int n : ROW_COUNTS) {
        Block[] b = sameRows(d, d, n);
        double[] coef = new double[d + 1];
        Random rnd = new Random(d);
        for (int j = 0; j <= d; j++) {
          coef[j] = rnd.nextGaussian() * 3;
        }
        for (double labelWeight : new double[] {1, 0}) {
          double[] sparse = new double[LossKernel.width(d)];
          LossKernel.addBlock(b[1], coef, new SquaredLoss(), labelWeight, sparse);
          assertArrayEquals(DenseLoops.squared(b[0], 0, n, coef, labelWeight, false), sparse, 0.0,
              "d=" + d + ", n=" + n);
          assertDenseOnVectorsAgrees(b[0], coef, labelWeight, sparse, "d=" + d + ", n=" + n);
        }
        double[] dense = new double[LossKernel.width(d)];
        double[] sparse = new double[LossKernel.width(d)];
        LossKernel.addBlock(b[0], coef, new HuberLoss(1e300), 1, dense);
        LossKernel.addBlock(b[1], coef, new HuberLoss(1e300), 1, sparse);
        assertArrayEquals(dense, sparse, 0.0, "chunked path, d=" + d + ", n=" + n);
      }
    }
  }

  /**
   * The trainer's pass over the dense block (on vectors where the JVM has them: per-lane sums, DenseKernel) gives
   * the sparse sums to rounding: each within {@code 1e-13} of the largest.
   */
  private static void assertDenseOnVectorsAgrees(Block dense, double[] coef, double labelWeight, double[] sparse,
      String what) {
    double[] pass = new double[sparse.length];
    LossKernel.addBlock(dense, coef, new SquaredLoss(), labelWeight, pass);
    double scale = 0;
    for (double v : sparse) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertArrayEquals(sparse, pass, 1e-13 * scale, what + ": the trainer's dense pass");
  }

  private static double[] dense(Block[] b) {
    double[] acc = new double[LossKernel.width(D)];
    LossKernel.addBlock(b[0], new double[D + 1], new SquaredLoss(), 1, acc);
    return acc;
  }

  @Test
  void columnSumsAndDeviationsAgreeWithTheDenseLoops() {
    Block[] b = sameRows(4);
    double[] ds = new double[ColumnStatistics.columnSumsWidth(D)];
    double[] ss = new double[ColumnStatistics.columnSumsWidth(D)];
    ColumnStatistics.addColumnSums(b[0], ds);
    ColumnStatistics.addColumnSums(b[1], ss);
    assertArrayEquals(ds, ss, 0.0); // same values added in the same order
    double[] centre = new double[D + 1];
    for (int j = 0; j <= D; j++) {
      centre[j] = ds[j] / N;
    }
    double[] dd = new double[ColumnStatistics.deviationsWidth(D)];
    double[] sd = new double[ColumnStatistics.deviationsWidth(D)];
    ColumnStatistics.addDeviations(b[0], centre, dd);
    ColumnStatistics.addDeviations(b[1], centre, sd);
    // sparse: the listed values' deviations and counts, then (rows - listed) times -c for the zeros when the spreads
    // are taken; the same up to rounding
    double[] dense = ColumnStatistics.spreads(dd, centre, N);
    double[] sparse = ColumnStatistics.spreads(sd, centre, N);
    for (int j = 0; j <= D; j++) {
      assertTrue(j == 4 ? dense[j] == 0 : dense[j] > 0, "column " + j + " (4 holds only zeros)");
      assertEquals(dense[j], sparse[j], 1e-12 * dense[j], "spread " + j);
    }
  }

  @Test
  void storesOnlyTheNonZeros() {
    Block[] b = sameRows(5);
    assertEquals((long) N * D, b[0].storedValues());
    long nonZeros = 0;
    for (double v : ((DenseBlock) b[0]).tiles()) {
      nonZeros += v != 0 ? 1 : 0;
    }
    assertEquals(nonZeros, b[1].storedValues());
  }

  @Test
  void rejectsABrokenLayout() {
    double[] y = {1, 2};
    assertThrows(IllegalArgumentException.class,
        () -> new SparseBlock(2, 3, new int[] {0, 2, 3}, new int[] {1, 0, 2}, new double[3], y)); // unsorted
    assertThrows(IllegalArgumentException.class,
        () -> new SparseBlock(2, 3, new int[] {0, 1, 2}, new int[] {0, 3}, new double[2], y)); // out of range
    assertThrows(IllegalArgumentException.class,
        () -> new SparseBlock(2, 3, new int[] {0, 2, 1}, new int[] {0, 1}, new double[2], y)); // decreasing
  }
}

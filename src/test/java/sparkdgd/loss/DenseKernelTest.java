package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowSampler;
import sparkdgd.block.SparseBlock;
import sparkdgd.block.SparseBlockBuilder;
import sparkdgd.testing.RowMajor;

/**
 * The dense loops (four rows of a tile at a time, the narrower last tile a row at a time) against exact
 * sums: every margin, residual and product computed exactly, in integer multiples of a power of two, from
 * the stored values, and rounded once. Row counts that are not multiples of four (0, 1, 3, 6, 4097, 4099)
 * end in last tiles one, two and three rows wide; 4097 and 4099 rows also span several 256-row chunks of
 * the chunked path.
 *
 * <p>Tolerance: each sum is compared within {@code 1e-12 * scale}, where scale is the same sum taken
 * over absolute values ({@code sum_i |x_ij| (|b| + sum_k |x_ik w_k| + |y_i|)} for a gradient sum). A
 * double loop's rounding error is at most about {@code (n + d + 2) * 2^-53} times that scale
 * ({@code < 5e-13} at n = 4097, d = 100); a lost, repeated or misplaced row changes a sum by about
 * {@code scale / n}, eight orders of magnitude more.
 */
class DenseKernelTest {
  private static final int[] DIMS = {1, 3, 4, 5, 10, 17, 32, 33, 34, 35, 100};
  private static final int[] ROWS = {0, 1, 3, 6, 4097, 4099};

  /** Random rows with features in [-2, 2) and labels near the model, so residuals partly cancel. */
  private static DenseBlock block(int n, int d, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int k = 0; k < x.length; k++) {
      x[k] = 4 * rnd.nextDouble() - 2;
    }
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextGaussian() * 3;
    }
    return new DenseBlock(n, d, x, y);
  }

  private static double[] coefficients(int d, long seed) {
    Random rnd = new Random(seed);
    double[] c = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      c[j] = rnd.nextGaussian();
    }
    return c;
  }

  /** The integer significand of a nonzero {@code v}, without sign: {@code |v| = significand * 2^exponent(v)}. */
  private static long significand(double v) {
    long bits = Double.doubleToRawLongBits(v) & 0xfffffffffffffL;
    return Math.getExponent(v) >= Double.MIN_EXPONENT ? bits | 1L << 52 : bits; // subnormals lack the leading 1
  }

  private static int exponent(double v) {
    return Math.max(Math.getExponent(v), Double.MIN_EXPONENT) - 52;
  }

  /** How many binary digits {@code v}'s exact value has after the point (0 for an integer). */
  private static int fractionBits(double v) {
    return v == 0 ? 0 : Math.max(0, -(exponent(v) + Long.numberOfTrailingZeros(significand(v))));
  }

  /** {@code v * 2^k} as an integer, exactly; {@code k} at least {@code fractionBits(v)}. */
  private static BigInteger scaled(double v, int k) {
    if (v == 0) {
      return BigInteger.ZERO;
    }
    BigInteger m = BigInteger.valueOf(v < 0 ? -significand(v) : significand(v));
    int shift = exponent(v) + k;
    return shift >= 0 ? m.shiftLeft(shift) : m.shiftRight(-shift); // the bits shifted out are zeros
  }

  /** The double nearest to {@code count * 2^-k} (rounded once: BigInteger's conversion rounds to nearest). */
  private static double unscaled(BigInteger count, int k) {
    return Math.scalb(count.doubleValue(), -k);
  }

  /**
   * Exact sums over {@code rows[0..count)}: [0..d) sum r x_j, [d] sum r, then sum r^2, sum |r|, sum y, sum y^2.
   * Every stored value is an integer multiple of a power of two, so each sum is computed exactly as an integer
   * count of {@code 2^-k}, with k from the values' own binary digits, and rounded to a double once.
   */
  private static double[][] exact(Block block, int[] rows, int count, double[] coef, double labelWeight) {
    int d = block.dims();
    int kx = 0; // binary digits after the point of the data (features and labels)
    for (int k = 0; k < count; k++) {
      kx = Math.max(kx, fractionBits(block.labels()[rows[k]]));
      for (int j = 0; j < d; j++) {
        kx = Math.max(kx, fractionBits(block.value(rows[k], j)));
      }
    }
    int kw = fractionBits(labelWeight); // ... and of the model
    for (double c : coef) {
      kw = Math.max(kw, fractionBits(c));
    }
    int kr = kx + kw; // residuals are counts of 2^-kr
    BigInteger[] sums = new BigInteger[d + 5];
    double[] scale = new double[d + 5];
    Arrays.fill(sums, BigInteger.ZERO);
    BigInteger lw = scaled(labelWeight, kw);
    BigInteger[] w = new BigInteger[d];
    for (int j = 0; j < d; j++) {
      w[j] = scaled(coef[j], kw);
    }
    BigInteger intercept = scaled(coef[d], kr);
    BigInteger[] row = new BigInteger[d];
    for (int k = 0; k < count; k++) {
      int i = rows[k];
      double yi = block.labels()[i];
      BigInteger y = scaled(yi, kx);
      BigInteger r = intercept.subtract(lw.multiply(y));
      double size = Math.abs(coef[d]) + Math.abs(labelWeight * yi);
      for (int j = 0; j < d; j++) {
        double xij = block.value(i, j);
        row[j] = scaled(xij, kx);
        r = r.add(row[j].multiply(w[j]));
        size += Math.abs(xij * coef[j]);
      }
      for (int j = 0; j < d; j++) {
        sums[j] = sums[j].add(r.multiply(row[j]));
        scale[j] += size * Math.abs(block.value(i, j));
      }
      sums[d] = sums[d].add(r);
      scale[d] += size;
      sums[d + 1] = sums[d + 1].add(r.multiply(r));
      scale[d + 1] += size * size;
      sums[d + 2] = sums[d + 2].add(r.abs());
      scale[d + 2] += size;
      sums[d + 3] = sums[d + 3].add(y);
      scale[d + 3] += Math.abs(yi);
      sums[d + 4] = sums[d + 4].add(y.multiply(y));
      scale[d + 4] += yi * yi;
    }
    double[] value = new double[d + 5];
    for (int j = 0; j < d; j++) {
      value[j] = unscaled(sums[j], kr + kx);
    }
    value[d] = unscaled(sums[d], kr);
    value[d + 1] = unscaled(sums[d + 1], 2 * kr);
    value[d + 2] = unscaled(sums[d + 2], kr);
    value[d + 3] = unscaled(sums[d + 3], kx);
    value[d + 4] = unscaled(sums[d + 4], 2 * kx);
    return new double[][] {value, scale};
  }

  private static void check(double[][] expected, double[] acc, int d, long count, String what) {
    double[] value = expected[0];
    double[] scale = expected[1];
    int[] slots = new int[d + 5];
    for (int j = 0; j <= d; j++) {
      slots[j] = j;
    }
    slots[d + 1] = d + PointLoss.METRIC_A; // sum r^2
    slots[d + 2] = d + PointLoss.METRIC_B; // sum |r|
    slots[d + 3] = d + PointLoss.LABELS;
    slots[d + 4] = d + PointLoss.SQUARED_LABELS;
    for (int s = 0; s < value.length; s++) {
      assertEquals(value[s], acc[slots[s]], 1e-12 * scale[s], what + ", sum " + s);
    }
    assertEquals(count, acc[d + PointLoss.ROWS], 0.0, what + ", rows");
  }

  /** {@link #check} of the feature sums {@code acc[0..d)} only. */
  private static void checkFeatureSums(double[][] expected, double[] acc, int d, String what) {
    for (int j = 0; j < d; j++) {
      assertEquals(expected[0][j], acc[j], 1e-12 * expected[1][j], what + ", sum " + j);
    }
  }

  private static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  @Test
  void fullBatchSquaredLossMatchesExactSumsForDoubleAndFloatBlocks() {
    for (int d : DIMS) {
      for (int n : ROWS) {
        DenseBlock dense = block(n, d, 31L * d + n);
        double[] coef = coefficients(d, d);
        for (Block b : new Block[] {dense, DenseFloatBlock.of(dense)}) {
          for (double labelWeight : new double[] {1, 0}) {
            double[] acc = new double[LossKernel.width(d)];
            LossKernel.addBlock(b, coef, new SquaredLoss(), labelWeight, acc);
            String what = b.getClass().getSimpleName() + " d=" + d + " n=" + n + " labelWeight=" + labelWeight;
            check(exact(b, allRows(n), n, coef, labelWeight), acc, d, n, what);
            assertEquals(acc[d + PointLoss.METRIC_A], acc[d + PointLoss.LOSS], 0.0, what + ": loss = sum r^2");
          }
        }
      }
    }
  }

  @Test
  void sampledPassesMatchExactSumsOverTheChosenRows() {
    // row by row (the chunked path), runs across tiles and runs of two whole tiles (the fused loop, a stretch of
    // consecutive rows at a time): each d meets each, over the block sizes
    int[] runLengths = {1, 3, 8};
    for (int di = 0; di < DIMS.length; di++) {
      int d = DIMS[di];
      for (int ni = 0; ni < ROWS.length; ni++) {
        int n = ROWS[ni];
        int runRows = runLengths[(di + ni) % runLengths.length];
        DenseBlock dense = block(n, d, 17L * d + n);
        double[] coef = coefficients(d, d + 1);
        for (Block b : new Block[] {dense, DenseFloatBlock.of(dense)}) {
          RowSampler sample = RowSampler.sample(0.6, runRows, 5, d);
          RowSampler.Cursor choice = sample.cursor(2);
          int[] chosen = choice.next(n).clone();
          int count = choice.count();
          double[] acc = new double[LossKernel.width(d)];
          LossKernel.addBlock(b, sample.cursor(2), coef, new SquaredLoss(), 1.0, acc);
          String what = b.getClass().getSimpleName() + " d=" + d + " n=" + n + " sample of " + count + " in runs of "
              + runRows;
          check(exact(b, chosen, count, coef, 1.0), acc, d, count, what);
          // Huber with a delta no residual reaches has the multiplier r too, through the chunked path
          double[] chunked = new double[LossKernel.width(d)];
          LossKernel.addBlock(b, sample.cursor(2), coef, new HuberLoss(1e300), 1.0, chunked);
          if (DenseKernel.VECTORS) {
            // the fused loop's full tiles on vectors add per lane: the chunked path's sums to rounding
            checkFeatureSums(exact(b, chosen, count, coef, 1.0), chunked, d, what + " (chunked)");
          } else {
            assertArrayEquals(Arrays.copyOf(chunked, d), Arrays.copyOf(acc, d), 0.0, what + ": the same feature sums");
          }
        }
      }
    }
  }

  @Test
  void chunkedPathOverEveryRowMatchesExactSums() {
    // Huber with a delta no residual reaches is the squared loss halved: the multiplier is r itself,
    // so the gradient sums are sum r x_j, through margins() and accumulate() instead of the fused loop.
    for (int d : DIMS) {
      for (int n : ROWS) {
        DenseBlock dense = block(n, d, 7L * d + n);
        double[] coef = coefficients(d, d + 2);
        for (Block b : new Block[] {dense, DenseFloatBlock.of(dense)}) {
          double[] acc = new double[LossKernel.width(d)];
          LossKernel.addBlock(b, coef, new HuberLoss(1e300), 1.0, acc);
          check(exact(b, allRows(n), n, coef, 1.0), acc, d, n,
              b.getClass().getSimpleName() + " d=" + d + " n=" + n + " (Huber)");
        }
      }
    }
  }

  private static double[] squared(Block b, int from, int to, double[] coef, boolean vectors) {
    return DenseLoops.squared(b, from, to, coef, 1.0, vectors);
  }

  @Test
  void theScalarFloatLoopIsTheDoubleLoopOnTheRoundedValuesBitForBitAtEveryWidth() {
    // 37, 38, 39 rows: nine full tiles and a last tile one, two or three rows wide; 4097 rows: 4096 in full tiles,
    // which the vector loops walk in four quarters below 64 features and in one loop from 64 on. Widening is exact
    // and both loops add in double in the same order
    for (int d : new int[] {3, 10, 32, 33, 34, 35, 36, 64}) {
      for (int n : new int[] {37, 38, 39, 4097}) {
        DenseFloatBlock f = DenseFloatBlock.of(block(n, d, d));
        DenseBlock rounded = new DenseBlock(n, d, RowMajor.of(f), f.labels());
        double[] coef = coefficients(d, n);
        assertArrayEquals(squared(rounded, 0, n, coef, false), squared(f, 0, n, coef, false), 0.0,
            "d=" + d + ", n=" + n);
        // on vectors, both loops widen (or load) the same values into the same lanes and add in the same order
        assertArrayEquals(squared(rounded, 0, n, coef, true), squared(f, 0, n, coef, true), 0.0,
            "d=" + d + ", n=" + n + " on vectors");
      }
    }
  }

  @Test
  void tilesOnVectorsMatchExactSumsOverEveryStretchOfRows() {
    assertTrue(DenseKernel.VECTORS, "this JVM runs dense tiles on the Vector API: " + VectorModule.status());
    // stretches that start and end inside a tile, on a tile's edge, and cover no full tile at all
    int[][] stretches = {{0, 4099}, {1, 4098}, {4, 4096}, {5, 7}, {2, 10}, {4000, 4099}};
    for (int d : DIMS) {
      DenseBlock dense = block(4099, d, 11L * d);
      double[] coef = coefficients(d, 3L * d);
      for (Block b : new Block[] {dense, DenseFloatBlock.of(dense)}) {
        for (int[] s : stretches) {
          int[] rows = new int[s[1] - s[0]];
          for (int k = 0; k < rows.length; k++) {
            rows[k] = s[0] + k;
          }
          String what = b.getClass().getSimpleName() + " d=" + d + " rows [" + s[0] + ", " + s[1] + ")";
          double[][] expected = exact(b, rows, rows.length, coef, 1.0);
          check(expected, squared(b, s[0], s[1], coef, true), d, rows.length, what + " on vectors");
          check(expected, squared(b, s[0], s[1], coef, false), d, rows.length, what + " scalar");
        }
      }
    }
  }

  @Test
  void aPartitionsMiniBatchInRunsFourAtATimeMatchesExactSumsOverTheChosenRows() {
    assertTrue(DenseKernel.VECTORS, "this JVM runs dense tiles on the Vector API: " + VectorModule.status());
    // blocks whose last run is shorter, ends in a partial tile, or is whole; runs of 32 to 100 rows, some of them
    // next to each other (one stretch), at fractions that hold one to many runs back across blocks
    int[] blockRows = {4096, 1000, 257, 130, 4099, 64, 2050};
    int[] runLengths = {32, 36, 64, 100};
    int[] dims = {1, 3, 10, 20, 35, 100};
    for (int di = 0; di < dims.length; di++) {
      int d = dims[di];
      double[] coef = coefficients(d, 7L * d);
      List<Block> doubles = new ArrayList<>();
      for (int k = 0; k < blockRows.length; k++) {
        doubles.add(block(blockRows[k], d, 100L * d + k));
      }
      List<Block> floats = new ArrayList<>();
      doubles.forEach(b -> floats.add(DenseFloatBlock.of((DenseBlock) b)));
      // a sparse block in the middle: the runs held before it are added first, its own rows by the chunked path
      List<Block> withSparse = new ArrayList<>(doubles);
      withSparse.set(3, sparse((DenseBlock) doubles.get(3)));
      int[] rows = Arrays.stream(blockRows).toArray();
      for (List<Block> blocks : List.of(doubles, floats, withSparse)) {
        for (int ri = 0; ri < runLengths.length; ri++) {
          int runRows = runLengths[ri];
          double fraction = new double[] {0.05, 0.3, 0.8}[(di + ri) % 3];
          double labelWeight = (di + ri) % 2 == 0 ? 1.0 : 0.5;
          RowSampler sample = RowSampler.sample(fraction, runRows, 13, d + ri);
          BlockSummer summer = LossKernel.summer(sample.cursor(1), coef, new SquaredLoss(), labelWeight);
          String what = blocks.get(3).getClass().getSimpleName() + " d=" + d + " runs of " + runRows + " at "
              + fraction + ", label weight " + labelWeight;
          assertTrue(summer instanceof InterleavedRuns, what + ": four runs at a time");
          double[] acc = BlockPass.sumPartition(blocks, rows, summer, LossKernel.width(d)).sums();
          // the exact sums block by block over the rows an independent cursor chooses, added
          RowSampler.Cursor choice = sample.cursor(1);
          double[][] expected = {new double[d + 5], new double[d + 5]};
          long count = 0;
          for (Block b : blocks) {
            int[] chosen = choice.next(b.rows()).clone();
            double[][] e = exact(b, chosen, choice.count(), coef, labelWeight);
            for (int s = 0; s < d + 5; s++) {
              expected[0][s] += e[0][s];
              expected[1][s] += e[1][s];
            }
            count += choice.count();
          }
          assertTrue(count > 0, what + ": a sample");
          check(expected, acc, d, count, what);
        }
      }
    }
  }

  @Test
  void fourRunsOfEqualLengthGoThroughTheFourRunLoop() {
    assertTrue(DenseKernel.VECTORS, LossKernel.denseKernel());
    DenseBlock dense = block(4096, 10, 21);
    double[] coef = coefficients(10, 22);
    for (Block b : new Block[] {dense, DenseFloatBlock.of(dense)}) {
      // a seed whose sample takes exactly four runs of 64 from the block
      int seed = 0;
      int[] firsts = null;
      while (firsts == null) {
        RowSampler.Cursor c = RowSampler.sample(4.0 / 64, 64, ++seed, 1).cursor(0);
        int[] chosen = c.next(4096);
        if (c.count() == 4 * 64) {
          firsts = new int[] {chosen[0], chosen[64], chosen[128], chosen[192]};
        }
      }
      BlockSummer summer = LossKernel.summer(RowSampler.sample(4.0 / 64, 64, seed, 1).cursor(0), coef,
          new SquaredLoss(), 0.5);
      double[] pass = BlockPass.sumPartition(List.of(b), new int[] {4096}, summer, LossKernel.width(10)).sums();
      double[] four = new double[LossKernel.width(10)];
      DenseLoops.fourRuns(b, firsts, 64, coef, 0.5, four);
      assertArrayEquals(four, pass, 0.0, b.getClass().getSimpleName() + ": the pass is the four-run loop");
    }
  }

  /** The same rows as a sparse block, built as the readers build them. */
  private static SparseBlock sparse(DenseBlock dense) {
    SparseBlockBuilder builder = new SparseBlockBuilder(dense.dims(), dense.rows());
    for (int i = 0; i < dense.rows(); i++) {
      for (int j = 0; j < dense.dims(); j++) {
        builder.add(j, dense.value(i, j));
      }
      builder.commitRow(dense.labels()[i]);
    }
    return builder.build();
  }

  @Test
  void aFullPassBelow64FeaturesWalksItsBlockInFourQuarters() {
    assertTrue(DenseKernel.VECTORS, LossKernel.denseKernel());
    assertEquals(1024, DenseKernel.quarterRows(4096, 63));
    assertEquals(0, DenseKernel.quarterRows(4096, 64), "64 features or more: one loop");
    assertEquals(32, DenseKernel.quarterRows(131, 10), "quarters of whole tiles, 3 rows left over");
    assertEquals(0, DenseKernel.quarterRows(127, 10), "quarters under 32 rows: one loop");
    for (int d : new int[] {10, 63, 64}) {
      DenseBlock dense = block(4096, d, 9L * d);
      double[] coef = coefficients(d, 10L * d);
      double[] pass = new double[LossKernel.width(d)];
      LossKernel.addBlock(dense, coef, new SquaredLoss(), 0.5, pass);
      double[] quarters = new double[LossKernel.width(d)];
      DenseLoops.fourRuns(dense, new int[] {0, 1024, 2048, 3072}, 1024, coef, 0.5, quarters);
      if (d < DenseKernel.QUARTERS_BELOW_FEATURES) {
        assertArrayEquals(quarters, pass, 0.0, "d=" + d + ": the pass is the four-run loop over the quarters");
      } else {
        assertFalse(Arrays.equals(quarters, pass), "d=" + d + ": one loop, whose per-lane sums differ in some bit");
      }
    }
  }

  @Test
  void aFullPassOverADenseBlockRunsOnVectorsWhereTheJvmHasThem() {
    assertTrue(DenseKernel.VECTORS, LossKernel.denseKernel());
    DenseBlock dense = block(4099, 10, 5);
    double[] coef = coefficients(10, 6);
    for (Block b : new Block[] {dense, DenseFloatBlock.of(dense)}) {
      double[] pass = new double[LossKernel.width(10)];
      LossKernel.addBlock(b, coef, new SquaredLoss(), 1.0, pass);
      String what = b.getClass().getSimpleName();
      assertArrayEquals(squared(b, 0, 4099, coef, true), pass, 0.0, what + ": the trainer's pass is the vector loop");
      assertFalse(Arrays.equals(squared(b, 0, 4099, coef, false), pass),
          what + ": per-lane sums differ from the scalar chain in some last bit");
    }
  }
}

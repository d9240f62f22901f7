package sparkdgd.loss;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The squared loss's fused loop over the full tiles of a float block on the JDK's Vector API, loaded only where
 * {@link VectorModule} finds the API in the JVM. A tile's four rows go in the four lanes of one vector of doubles:
 * feature j of the tile is four consecutive floats, widened to four doubles by one instruction. Each lane then
 * adds its rows' products {@code r x_j} and its sums after d in a chain of its own, and the four lanes are added
 * at the end. That is another order than the scalar loop's (one chain through every row), so the sums agree with
 * it to rounding, not to the bit. Two shapes, by the number of features d (docs/BENCHMARKS.md, sessions 18 and 19):
 * <ul>
 *   <li>below {@link TileVectors#CHAINED_MIN_FEATURES}, each lane's margin is the scalar loop's chain
 *       ({@code m = fma(x_j, w_j, m)} from the intercept, so the same bits), and the widened tile is kept in a
 *       small buffer for the products: 5.1-5.2 ns a row on 2 threads at 1e7 x 10 against 9.3-9.5 for float64
 *       blocks (session 18);</li>
 *   <li>from {@link TileVectors#CHAINED_MIN_FEATURES} on, the margin is four chains over every fourth feature,
 *       added at the end (its bits differ from the scalar chain's in the last places), and the products widen the
 *       tile again instead of storing and reloading it. One chain of d dependent FMAs per tile was this loop's limit at
 *       d = 100, and the buffer's stores the next one: 13.5-14.1 ns a row in memory on 2 threads against 20.0-21.1
 *       for the first shape, 22.5-22.9 for float64 blocks (minima, session 19). At d = 10 the first shape is
 *       faster (2.0 against 2.3 ns), at d = 20 they are level.</li>
 * </ul>
 * Below {@link DenseKernel#QUARTERS_BELOW_FEATURES} features a full pass walks a block's four quarters through
 * {@link #addSquaredFourRuns} instead (docs/BENCHMARKS.md, session 24), so these shapes serve stretches of 32-127
 * rows and passes from 64 features on. Two tiles at a time, the next tile's margins in the products' loop, and
 * eight tiles' margins before their products measured no faster or, on Java 17's C2, far slower (the vectors were not kept in registers).
 */
final class FloatTileVectors {
  private static final VectorSpecies<Float> FOUR_FLOATS = FloatVector.SPECIES_128;
  private static final VectorSpecies<Double> FOUR_DOUBLES = TileVectors.FOUR_DOUBLES;

  private FloatTileVectors() {}

  /**
   * Adds the full tiles of rows {@code [first, last)} (multiples of four) as
   * {@code DenseKernel.addSquaredTiles} does, the five sums after d carried in {@code sums}.
   */
  static void addSquaredTiles(float[] x, double[] y, int d, int first, int last, double[] coef, double labelWeight,
      double[] acc, double[] sums) {
    if (last <= first) {
      return;
    }
    if (d >= TileVectors.CHAINED_MIN_FEATURES) {
      addSquaredTilesInChains(x, y, d, first, last, coef, labelWeight, acc, sums);
      return;
    }
    final double[] lanes = new double[4 * d];
    final double[] widened = new double[4 * d];
    final DoubleVector intercept = DoubleVector.broadcast(FOUR_DOUBLES, coef[d]);
    DoubleVector residuals = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector squares = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector absolute = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector labels = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector squaredLabels = DoubleVector.zero(FOUR_DOUBLES);
    for (int i = first; i < last; i += 4) {
      final int tile = i * d;
      DoubleVector m = intercept;
      for (int j = 0; j < d; j++) {
        final DoubleVector xj = widen(x, tile + 4 * j);
        xj.intoArray(widened, 4 * j);
        m = xj.fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j]), m);
      }
      final DoubleVector yv = DoubleVector.fromArray(FOUR_DOUBLES, y, i);
      final DoubleVector r = m.sub(yv.mul(labelWeight));
      for (int j = 0; j < d; j++) {
        DoubleVector.fromArray(FOUR_DOUBLES, widened, 4 * j).fma(r, DoubleVector.fromArray(FOUR_DOUBLES, lanes, 4 * j))
            .intoArray(lanes, 4 * j);
      }
      residuals = residuals.add(r);
      squares = squares.add(r.mul(r));
      absolute = absolute.add(r.abs());
      labels = labels.add(yv);
      squaredLabels = squaredLabels.add(yv.mul(yv));
    }
    TileVectors.addLanes(lanes, d, acc, sums, residuals.reduceLanes(VectorOperators.ADD),
        squares.reduceLanes(VectorOperators.ADD), absolute.reduceLanes(VectorOperators.ADD),
        labels.reduceLanes(VectorOperators.ADD), squaredLabels.reduceLanes(VectorOperators.ADD));
  }

  /**
   * {@link #addSquaredTiles} for {@link TileVectors#CHAINED_MIN_FEATURES} features or more: each tile's margins in four
   * chains, the tile widened again for the products.
   */
  private static void addSquaredTilesInChains(float[] x, double[] y, int d, int first, int last, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    final double[] lanes = new double[4 * d];
    final int fourFeatures = d & ~3;
    final DoubleVector intercept = DoubleVector.broadcast(FOUR_DOUBLES, coef[d]);
    final DoubleVector zero = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector residuals = zero;
    DoubleVector squares = zero;
    DoubleVector absolute = zero;
    DoubleVector labels = zero;
    DoubleVector squaredLabels = zero;
    for (int i = first; i < last; i += 4) {
      final int tile = i * d;
      DoubleVector m0 = intercept;
      DoubleVector m1 = zero;
      DoubleVector m2 = zero;
      DoubleVector m3 = zero;
      int j = 0;
      for (; j < fourFeatures; j += 4) {
        final int at = tile + 4 * j;
        m0 = widen(x, at).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j]), m0);
        m1 = widen(x, at + 4).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j + 1]), m1);
        m2 = widen(x, at + 8).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j + 2]), m2);
        m3 = widen(x, at + 12).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j + 3]), m3);
      }
      for (; j < d; j++) {
        m0 = widen(x, tile + 4 * j).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j]), m0);
      }
      final DoubleVector yv = DoubleVector.fromArray(FOUR_DOUBLES, y, i);
      final DoubleVector r = m0.add(m1).add(m2.add(m3)).sub(yv.mul(labelWeight));
      for (j = 0; j < d; j++) {
        widen(x, tile + 4 * j).fma(r, DoubleVector.fromArray(FOUR_DOUBLES, lanes, 4 * j)).intoArray(lanes, 4 * j);
      }
      residuals = residuals.add(r);
      squares = squares.add(r.mul(r));
      absolute = absolute.add(r.abs());
      labels = labels.add(yv);
      squaredLabels = squaredLabels.add(yv.mul(yv));
    }
    TileVectors.addLanes(lanes, d, acc, sums, residuals.reduceLanes(VectorOperators.ADD),
        squares.reduceLanes(VectorOperators.ADD), absolute.reduceLanes(VectorOperators.ADD),
        labels.reduceLanes(VectorOperators.ADD), squaredLabels.reduceLanes(VectorOperators.ADD));
  }

  /**
   * {@link DoubleTileVectors#addSquaredFourRuns} over float features: four runs walked together a tile of each at
   * a time, each tile widened once for its margins and again for its products.
   */
  static void addSquaredFourRuns(float[][] xs, double[][] ys, int[] firsts, int rows, int d, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    final float[] x0 = xs[0];
    final float[] x1 = xs[1];
    final float[] x2 = xs[2];
    final float[] x3 = xs[3];
    final double[] y0 = ys[0];
    final double[] y1 = ys[1];
    final double[] y2 = ys[2];
    final double[] y3 = ys[3];
    final int f0 = firsts[0];
    final int f1 = firsts[1];
    final int f2 = firsts[2];
    final int f3 = firsts[3];
    final double[] lanes = new double[4 * d];
    final DoubleVector intercept = DoubleVector.broadcast(FOUR_DOUBLES, coef[d]);
    DoubleVector residuals = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector squares = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector absolute = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector labels = DoubleVector.zero(FOUR_DOUBLES);
    DoubleVector squaredLabels = DoubleVector.zero(FOUR_DOUBLES);
    for (int i = 0; i < rows; i += 4) {
      final int t0 = (f0 + i) * d;
      final int t1 = (f1 + i) * d;
      final int t2 = (f2 + i) * d;
      final int t3 = (f3 + i) * d;
      DoubleVector m0 = intercept;
      DoubleVector m1 = intercept;
      DoubleVector m2 = intercept;
      DoubleVector m3 = intercept;
      for (int j = 0; j < d; j++) {
        final DoubleVector w = DoubleVector.broadcast(FOUR_DOUBLES, coef[j]);
        m0 = widen(x0, t0 + 4 * j).fma(w, m0);
        m1 = widen(x1, t1 + 4 * j).fma(w, m1);
        m2 = widen(x2, t2 + 4 * j).fma(w, m2);
        m3 = widen(x3, t3 + 4 * j).fma(w, m3);
      }
      final DoubleVector l0 = DoubleVector.fromArray(FOUR_DOUBLES, y0, f0 + i);
      final DoubleVector l1 = DoubleVector.fromArray(FOUR_DOUBLES, y1, f1 + i);
      final DoubleVector l2 = DoubleVector.fromArray(FOUR_DOUBLES, y2, f2 + i);
      final DoubleVector l3 = DoubleVector.fromArray(FOUR_DOUBLES, y3, f3 + i);
      final DoubleVector r0 = m0.sub(l0.mul(labelWeight));
      final DoubleVector r1 = m1.sub(l1.mul(labelWeight));
      final DoubleVector r2 = m2.sub(l2.mul(labelWeight));
      final DoubleVector r3 = m3.sub(l3.mul(labelWeight));
      for (int j = 0; j < d; j++) {
        widen(x3, t3 + 4 * j).fma(r3, widen(x2, t2 + 4 * j).fma(r2, widen(x1, t1 + 4 * j).fma(r1,
            widen(x0, t0 + 4 * j).fma(r0, DoubleVector.fromArray(FOUR_DOUBLES, lanes, 4 * j)))))
            .intoArray(lanes, 4 * j);
      }
      residuals = residuals.add(r0).add(r1).add(r2).add(r3);
      squares = squares.add(r0.mul(r0)).add(r1.mul(r1)).add(r2.mul(r2)).add(r3.mul(r3));
      absolute = absolute.add(r0.abs()).add(r1.abs()).add(r2.abs()).add(r3.abs());
      labels = labels.add(l0).add(l1).add(l2).add(l3);
      squaredLabels = squaredLabels.add(l0.mul(l0)).add(l1.mul(l1)).add(l2.mul(l2)).add(l3.mul(l3));
    }
    TileVectors.addLanes(lanes, d, acc, sums, residuals.reduceLanes(VectorOperators.ADD),
        squares.reduceLanes(VectorOperators.ADD), absolute.reduceLanes(VectorOperators.ADD),
        labels.reduceLanes(VectorOperators.ADD), squaredLabels.reduceLanes(VectorOperators.ADD));
  }

  /** Four floats from {@code x[at]}, as four doubles. */
  private static DoubleVector widen(float[] x, int at) {
    return (DoubleVector) FloatVector.fromArray(FOUR_FLOATS, x, at).convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
  }
}

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
 * Two tiles at a time, the next tile's margins in the products' loop, and eight tiles' margins before their
 * products measured no faster or, on Java 17's C2, far slower (the vectors were not kept in registers).
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

  /** Four floats from {@code x[at]}, as four doubles. */
  private static DoubleVector widen(float[] x, int at) {
    return (DoubleVector) FloatVector.fromArray(FOUR_FLOATS, x, at).convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
  }
}

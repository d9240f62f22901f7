package sparkdgd.loss;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The squared loss's fused loop over the full tiles of a float64 block on the JDK's Vector API, loaded only where
 * {@link VectorModule} finds the API in the JVM: {@link FloatTileVectors}' two shapes over doubles, which need no
 * widening. A tile's four rows go in the four lanes of one vector: feature j of the tile is four consecutive
 * doubles, one load. Each lane adds its rows' products {@code r x_j} and its sums after d in a chain of its own,
 * and the lanes are added at the end, so the sums agree with the scalar loop's to rounding, not to the bit.
 * <ul>
 *   <li>below {@link TileVectors#CHAINED_MIN_FEATURES}, each lane's margin is the scalar loop's chain
 *       ({@code m = fma(x_j, w_j, m)} from the intercept, the same bits);</li>
 *   <li>from there on, four chains over every fourth feature, added at the end.</li>
 * </ul>
 * Measured by {@code scripts/measure-float-kernel.sh} (docs/BENCHMARKS.md, session 20), 2 threads, ns a row,
 * medians, against the scalar loop ({@code -Dsparkdgd.vectorApi=false}) in alternate runs: at 1e7 x 10 in memory
 * 2.87-2.93 against 3.18-3.82 and in cache (the compute alone) 1.53-1.68 against 2.97-3.05; at 1e6 x 100 in memory
 * 23.4-24.5 against 27.0-40.9 and in cache 13.1-13.2 against 23.1-33.2; at d = 1 and 3 no slower. With it the
 * float64 loop reads memory about as fast as a plain sum of the same arrays does.
 *
 * <p>The two loops repeat their per-tile sums rather than share a method: a vector handed to another method is
 * boxed, and the loop ran half as fast (docs/BENCHMARKS.md, session 19).
 */
final class DoubleTileVectors {
  private static final VectorSpecies<Double> FOUR_DOUBLES = TileVectors.FOUR_DOUBLES;

  private DoubleTileVectors() {}

  /**
   * Adds the full tiles of rows {@code [first, last)} (multiples of four) as
   * {@code DenseKernel.addSquaredTiles} does, the five sums after d carried in {@code sums}.
   */
  static void addSquaredTiles(double[] x, double[] y, int d, int first, int last, double[] coef, double labelWeight,
      double[] acc, double[] sums) {
    if (last <= first) {
      return;
    }
    if (d >= TileVectors.CHAINED_MIN_FEATURES) {
      addSquaredTilesInChains(x, y, d, first, last, coef, labelWeight, acc, sums);
      return;
    }
    final double[] lanes = new double[4 * d];
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
        m = load(x, tile + 4 * j).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j]), m);
      }
      final DoubleVector yv = DoubleVector.fromArray(FOUR_DOUBLES, y, i);
      final DoubleVector r = m.sub(yv.mul(labelWeight));
      for (int j = 0; j < d; j++) {
        load(x, tile + 4 * j)
            .fma(r, DoubleVector.fromArray(FOUR_DOUBLES, lanes, 4 * j)).intoArray(lanes, 4 * j);
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

  /** {@link #addSquaredTiles} from {@link TileVectors#CHAINED_MIN_FEATURES} features on: four margin chains. */
  private static void addSquaredTilesInChains(double[] x, double[] y, int d, int first, int last, double[] coef,
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
        m0 = load(x, at).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j]), m0);
        m1 = load(x, at + 4).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j + 1]), m1);
        m2 = load(x, at + 8).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j + 2]), m2);
        m3 = load(x, at + 12).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j + 3]), m3);
      }
      for (; j < d; j++) {
        m0 = load(x, tile + 4 * j).fma(DoubleVector.broadcast(FOUR_DOUBLES, coef[j]), m0);
      }
      final DoubleVector yv = DoubleVector.fromArray(FOUR_DOUBLES, y, i);
      final DoubleVector r = m0.add(m1).add(m2.add(m3)).sub(yv.mul(labelWeight));
      for (j = 0; j < d; j++) {
        load(x, tile + 4 * j)
            .fma(r, DoubleVector.fromArray(FOUR_DOUBLES, lanes, 4 * j)).intoArray(lanes, 4 * j);
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

  /** Feature j of a tile: the four doubles from {@code x[at]}. */
  private static DoubleVector load(double[] x, int at) {
    return DoubleVector.fromArray(FOUR_DOUBLES, x, at);
  }
}

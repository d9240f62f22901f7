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
 * <p>Below {@link DenseKernel#QUARTERS_BELOW_FEATURES} features a full pass runs neither shape over a whole block:
 * its four quarters go through {@link #addSquaredFourRuns} (one margin chain a row), and the shapes above serve
 * stretches too short for quarters (32-127 rows) and passes from 64 features on.
 *
 * <p>The loops repeat their per-tile sums rather than share a method: a vector handed to another method is
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

  /**
   * Adds four runs of {@code rows} rows each (a multiple of four, in full tiles), run k the rows from
   * {@code firsts[k]} of features {@code xs[k]} and labels {@code ys[k]}, walked together a tile of each at a time:
   * four short reads from memory in flight at once instead of one after the other ({@link InterleavedRuns}), and a
   * full pass's four quarters of a block below {@link DenseKernel#QUARTERS_BELOW_FEATURES} features. Each
   * run's margins are one chain, as in {@link #addSquaredTiles} below {@link TileVectors#CHAINED_MIN_FEATURES}
   * features (the four runs are four independent chains at any d); the products of the four tiles go into each
   * feature's lanes in run order, tile after tile.
   */
  static void addSquaredFourRuns(double[][] xs, double[][] ys, int[] firsts, int rows, int d, double[] coef,
      double labelWeight, double[] acc, double[] sums) {
    final double[] x0 = xs[0];
    final double[] x1 = xs[1];
    final double[] x2 = xs[2];
    final double[] x3 = xs[3];
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
        m0 = load(x0, t0 + 4 * j).fma(w, m0);
        m1 = load(x1, t1 + 4 * j).fma(w, m1);
        m2 = load(x2, t2 + 4 * j).fma(w, m2);
        m3 = load(x3, t3 + 4 * j).fma(w, m3);
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
        load(x3, t3 + 4 * j).fma(r3, load(x2, t2 + 4 * j).fma(r2, load(x1, t1 + 4 * j).fma(r1,
            load(x0, t0 + 4 * j).fma(r0, DoubleVector.fromArray(FOUR_DOUBLES, lanes, 4 * j)))))
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

  /** Feature j of a tile: the four doubles from {@code x[at]}. */
  private static DoubleVector load(double[] x, int at) {
    return DoubleVector.fromArray(FOUR_DOUBLES, x, at);
  }
}

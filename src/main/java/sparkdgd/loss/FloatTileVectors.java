package sparkdgd.loss;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The squared loss's fused loop over the full tiles of a float block on the JDK's Vector API, loaded only where
 * {@link VectorModule} finds the API in the JVM. A tile's four rows go in the four lanes of one vector of doubles:
 * feature j of the tile is four consecutive floats, widened to four doubles by one instruction, once: the
 * widened tile is kept in a small buffer for the products. Each lane's margin is the scalar loop's chain
 * ({@code m = fma(x_j, w_j, m)} from the intercept, so the same bits), and its residual the same; each lane then
 * adds its rows' products {@code r x_j} and its sums after d in a chain of its own, and the four lanes are added
 * at the end. That is another order than the scalar loop's (one chain through every row), so the sums agree with
 * it to rounding, not to the bit. Measured on 2 threads (docs/BENCHMARKS.md, session 18): 5.1-5.2 ns a row at
 * 1e7 x 10 against 9.3-9.5 for float64 blocks, 47-48 against 71-79 at 1e6 x 100. Two tiles at a time (two
 * margin chains) and the next tile's margins in the products' loop measured no faster or, on Java 17's C2,
 * far slower (the vectors were not kept in registers).
 */
final class FloatTileVectors {
  private static final VectorSpecies<Float> FOUR_FLOATS = FloatVector.SPECIES_128;
  private static final VectorSpecies<Double> FOUR_DOUBLES = DoubleVector.SPECIES_256;

  private FloatTileVectors() {}

  /**
   * Whether the JIT keeps four doubles in one vector register here (256-bit vectors). Where vectors are narrower
   * (128-bit CPUs, {@code -XX:MaxVectorSize=16}) the Vector API runs 256-bit shapes in plain Java, 40-60 times
   * slower than the scalar loop.
   */
  static boolean fourDoublesInARegister() {
    return DoubleVector.SPECIES_PREFERRED.length() >= FOUR_DOUBLES.length();
  }

  /**
   * Adds the full tiles of rows {@code [first, last)} (multiples of four) as
   * {@code DenseKernel.addSquaredTiles} does, the five sums after d carried in {@code sums}.
   */
  static void addSquaredTiles(float[] x, double[] y, int d, int first, int last, double[] coef, double labelWeight,
      double[] acc, double[] sums) {
    if (last <= first) {
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
    for (int j = 0, p = 0; j < d; j++, p += 4) {
      acc[j] += lanes[p] + lanes[p + 1] + lanes[p + 2] + lanes[p + 3];
    }
    sums[0] += residuals.reduceLanes(VectorOperators.ADD);
    sums[1] += squares.reduceLanes(VectorOperators.ADD);
    sums[2] += absolute.reduceLanes(VectorOperators.ADD);
    sums[3] += labels.reduceLanes(VectorOperators.ADD);
    sums[4] += squaredLabels.reduceLanes(VectorOperators.ADD);
  }

  /** Four floats from {@code x[at]}, as four doubles. */
  private static DoubleVector widen(float[] x, int at) {
    return (DoubleVector) FloatVector.fromArray(FOUR_FLOATS, x, at).convertShape(VectorOperators.F2D, FOUR_DOUBLES, 0);
  }
}

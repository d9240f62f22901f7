package sparkdgd.loss;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the squared loss's two tile loops on the JDK's Vector API share ({@link DoubleTileVectors} over float64
 * blocks, {@link FloatTileVectors} over float32 blocks): a tile's four rows in the four lanes of a vector of four
 * doubles, the feature count from which each tile's margin goes in four chains, and the lanes' final sums. Loaded
 * only where {@link VectorModule} finds the API.
 */
final class TileVectors {
  /** Four doubles: one lane per row of a tile. */
  static final VectorSpecies<Double> FOUR_DOUBLES = DoubleVector.SPECIES_256;

  /**
   * From this many features on, a tile's margins go in four chains over every fourth feature, added at the end;
   * below it, one chain, the scalar loop's (docs/BENCHMARKS.md, session 19: at d = 10 one chain was faster, at
   * d = 20 they were level, at d = 100 four chains 1.5 times faster). Below
   * {@link DenseKernel#QUARTERS_BELOW_FEATURES} features a full pass's quarters use one chain a row at any d: the
   * four quarters are four independent chains.
   */
  static final int CHAINED_MIN_FEATURES = 20;

  private TileVectors() {}

  /**
   * Whether the JIT keeps four doubles in one vector register here (256-bit vectors). Where vectors are narrower
   * (128-bit CPUs, {@code -XX:MaxVectorSize=16}) the Vector API runs 256-bit shapes in plain Java, 40-60 times
   * slower than the scalar loop.
   */
  static boolean fourDoublesInARegister() {
    return DoubleVector.SPECIES_PREFERRED.length() >= FOUR_DOUBLES.length();
  }

  /**
   * Adds each feature's four lanes into {@code acc[0..d)}, and the five sums after d into {@code sums}. The loops
   * reduce their own vectors before calling this: handed a vector, a method that is not inlined boxes it, and the
   * loop ran half as fast (session 19).
   */
  static void addLanes(double[] lanes, int d, double[] acc, double[] sums, double residuals, double squares,
      double absolute, double labels, double squaredLabels) {
    for (int j = 0, p = 0; j < d; j++, p += 4) {
      acc[j] += lanes[p] + lanes[p + 1] + lanes[p + 2] + lanes[p + 3];
    }
    sums[0] += residuals;
    sums[1] += squares;
    sums[2] += absolute;
    sums[3] += labels;
    sums[4] += squaredLabels;
  }
}

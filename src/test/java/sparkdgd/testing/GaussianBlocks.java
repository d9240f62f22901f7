package sparkdgd.testing;

import java.util.Random;
import sparkdgd.block.DenseBlock;

/** For tests: dense blocks of seeded standard normal features and labels. */
public final class GaussianBlocks {
  private GaussianBlocks() {}

  /** {@code rows x dims} features, then {@code rows} labels, all drawn from {@code new Random(seed)}. */
  public static DenseBlock dense(int rows, int dims, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[rows * dims];
    double[] y = new double[rows];
    for (int k = 0; k < x.length; k++) {
      x[k] = rnd.nextGaussian();
    }
    for (int i = 0; i < rows; i++) {
      y[i] = rnd.nextGaussian();
    }
    return new DenseBlock(rows, dims, x, y);
  }
}

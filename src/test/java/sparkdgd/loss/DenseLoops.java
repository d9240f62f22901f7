package sparkdgd.loss;

import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;

/** For tests: the squared loss's fused loop over a dense block's rows, chosen on vectors or scalar. */
public final class DenseLoops {
  private DenseLoops() {}

  /**
   * The squared loss over rows {@code [from, to)} of a dense (float64 or float32) block, through DenseKernel's
   * {@code addSquared}, the full tiles on the Vector API ({@code vectors}, only where the JVM has it) or scalar.
   */
  public static double[] squared(Block b, int from, int to, double[] coef, double labelWeight, boolean vectors) {
    double[] acc = new double[LossKernel.width(b.dims())];
    if (b instanceof DenseFloatBlock f) {
      DenseKernel.addSquared(f.tiles(), f.labels(), f.rows(), f.dims(), from, to, coef, labelWeight, acc, vectors);
    } else {
      DenseBlock x = (DenseBlock) b;
      DenseKernel.addSquared(x.tiles(), x.labels(), x.rows(), x.dims(), from, to, coef, labelWeight, acc, vectors);
    }
    return acc;
  }

  /**
   * Adds the squared loss over four runs of {@code rows} rows of one dense (float64 or float32) block, from rows
   * {@code firsts[0..3]}, walked together by DenseKernel's four-run loop, into {@code acc}.
   */
  public static void fourRuns(Block b, int[] firsts, int rows, double[] coef, double labelWeight, double[] acc) {
    double[] y = b.labels();
    double[][] labels = {y, y, y, y};
    if (b instanceof DenseFloatBlock f) {
      float[] x = f.tiles();
      DenseKernel.addSquaredFourRuns(new float[][] {x, x, x, x}, labels, firsts, rows, b.dims(), coef, labelWeight,
          acc);
    } else {
      double[] x = ((DenseBlock) b).tiles();
      DenseKernel.addSquaredFourRuns(new double[][] {x, x, x, x}, labels, firsts, rows, b.dims(), coef, labelWeight,
          acc);
    }
  }
}

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
}

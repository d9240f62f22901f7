package sparkdgd.testing;

import sparkdgd.block.Block;

/** A block's feature values read back row by row through {@link Block#value}, whatever its layout. */
public final class RowMajor {
  private RowMajor() {}

  /** Row {@code i}'s features at {@code [i d, (i + 1) d)}: what the dense blocks' constructors take. */
  public static double[] of(Block b) {
    double[] x = new double[b.rows() * b.dims()];
    for (int i = 0; i < b.rows(); i++) {
      for (int j = 0; j < b.dims(); j++) {
        x[i * b.dims() + j] = b.value(i, j);
      }
    }
    return x;
  }
}

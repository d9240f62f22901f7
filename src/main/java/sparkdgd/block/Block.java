package sparkdgd.block;

import java.io.Serializable;

/**
 * A packed run of training rows: the unit that is cached, so the cache never holds one object per
 * row. The labels are one {@code double[]}; the features are stored in one of two layouts, and every
 * kernel has a loop for each: {@link DenseBlock} ({@code rows x dims} values in tiles of four rows, {@link Tiles}) for dense
 * formats, {@link SparseBlock} (CSR: row starts, column indices, values) for sparse ones, whose loops
 * touch the non-zeros only. {@link DenseFloatBlock} is the dense layout in float ({@code --precision
 * float32}); the kernels still accumulate in double.
 */
public abstract sealed class Block implements Serializable permits DenseBlock, DenseFloatBlock, SparseBlock {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int dims;
  private final double[] labels;

  Block(int rows, int dims, double[] labels) {
    if (rows < 0 || dims < 0) {
      throw new IllegalArgumentException("Expected rows >= 0 and dims >= 0, got " + rows + " x " + dims);
    }
    if (labels.length < rows) {
      throw new IllegalArgumentException("Expected " + rows + " labels, got " + labels.length);
    }
    this.rows = rows;
    this.dims = dims;
    this.labels = labels;
  }

  public int rows() {
    return rows;
  }

  public int dims() {
    return dims;
  }

  /** Labels; only the first {@link #rows()} are used. Not copied. */
  public double[] labels() {
    return labels;
  }

  /** Whether the features are in the dense layout, in double or float (not {@link SparseBlock}). */
  public final boolean isDense() {
    return !(this instanceof SparseBlock);
  }

  /** Number of feature values stored: {@code rows * dims} when dense, the non-zeros when sparse. */
  public abstract long storedValues();

  /**
   * Row {@code row}'s features dotted with {@code w}. One row at a time, for scoring and sampling
   * outside the training hot path; the kernels loop over the arrays directly.
   */
  public abstract double dot(int row, double[] w);

  /** Feature {@code j} of row {@code row} (0 when a sparse row does not store it). */
  public abstract double value(int row, int j);

  /** A new block of the rows {@code rows[0..count)} (ascending), in that order; the arrays are copied. */
  public abstract Block subset(int[] rows, int count);

  /** The labels of {@code rows[0..count)}. */
  double[] labelsOf(int[] rows, int count) {
    double[] y = new double[count];
    for (int k = 0; k < count; k++) {
      y[k] = labels[rows[k]];
    }
    return y;
  }
}

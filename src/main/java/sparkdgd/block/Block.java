package sparkdgd.block;

import java.io.Serializable;

/**
 * A packed run of training rows: the unit that is cached, so the cache never holds one object per
 * row. The labels are one {@code double[]}; the features are stored in one of two layouts, and every
 * kernel has a loop for each: {@link DenseBlock} ({@code rows x dims} values in tiles of four rows, {@link Tiles}) for dense
 * formats, {@link SparseBlock} (CSR: row starts, column indices, values) for sparse ones, whose loops
 * touch the non-zeros only. {@link DenseFloatBlock} is the dense layout in float ({@code --precision
 * float32}); the kernels still accumulate in double. A block may carry each row's weight ({@link #weights()}).
 */
public abstract sealed class Block implements Serializable permits DenseBlock, DenseFloatBlock, SparseBlock {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int dims;
  private final double[] labels;
  /** Each row's weight ({@code --weight-col}); null when every row weighs 1. */
  private final double[] weights;

  Block(int rows, int dims, double[] labels) {
    this(rows, dims, labels, null);
  }

  Block(int rows, int dims, double[] labels, double[] weights) {
    if (rows < 0 || dims < 0) {
      throw new IllegalArgumentException("Expected rows >= 0 and dims >= 0, got " + rows + " x " + dims);
    }
    if (labels.length < rows) {
      throw new IllegalArgumentException("Expected " + rows + " labels, got " + labels.length);
    }
    if (weights != null && weights.length < rows) {
      throw new IllegalArgumentException("Expected " + rows + " weights, got " + weights.length);
    }
    this.rows = rows;
    this.dims = dims;
    this.labels = labels;
    this.weights = weights;
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

  /**
   * The rows' weights ({@code --weight-col}): each row's loss and gradient count that many times, and means divide
   * by their sum. Null when every row weighs 1; only the first {@link #rows()} are used. Not copied.
   */
  public double[] weights() {
    return weights;
  }

  /** The sum of the rows' weights: {@link #rows()} when every row weighs 1. */
  public double weightTotal() {
    return sumOfWeights(false);
  }

  /** The sum of the rows' squared weights: {@link #rows()} when every row weighs 1. */
  public double weightSquares() {
    return sumOfWeights(true);
  }

  private double sumOfWeights(boolean squared) {
    if (weights == null) {
      return rows;
    }
    double total = 0;
    for (int i = 0; i < rows; i++) {
      total += squared ? weights[i] * weights[i] : weights[i];
    }
    return total;
  }

  /** Row {@code row}'s weight, 1 when the block has none. */
  public double weight(int row) {
    return weights == null ? 1 : weights[row];
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

  /** The weights of {@code rows[0..count)}, null when the block has none. */
  double[] weightsOf(int[] rows, int count) {
    if (weights == null) {
      return null;
    }
    double[] w = new double[count];
    for (int k = 0; k < count; k++) {
      w[k] = weights[rows[k]];
    }
    return w;
  }

  /** The labels of {@code rows[0..count)}. */
  double[] labelsOf(int[] rows, int count) {
    double[] y = new double[count];
    for (int k = 0; k < count; k++) {
      y[k] = labels[rows[k]];
    }
    return y;
  }
}

package sparkdgd.block;

/**
 * Features in compressed sparse rows: the non-zeros of row {@code i} are at positions
 * {@code [rowStarts[i], rowStarts[i + 1])} of {@code indices} (0-based feature numbers, strictly
 * ascending within a row) and {@code values}. Features not listed are 0.
 */
public final class SparseBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final int[] rowStarts;
  private final int[] indices;
  private final double[] values;

  /** Checks the layout: O(non-zeros), once per block. */
  public SparseBlock(int rows, int dims, int[] rowStarts, int[] indices, double[] values, double[] labels) {
    this(rows, dims, rowStarts, indices, values, labels, null);
  }

  /** A block whose rows weigh {@code weights} (null: every row weighs 1). Checks the layout. */
  public SparseBlock(int rows, int dims, int[] rowStarts, int[] indices, double[] values, double[] labels,
      double[] weights) {
    super(rows, dims, labels, weights);
    if (rowStarts.length < rows + 1 || rowStarts[0] != 0) {
      throw new IllegalArgumentException("Expected " + (rows + 1) + " row starts beginning at 0, got "
          + rowStarts.length);
    }
    int nnz = rowStarts[rows];
    if (indices.length < nnz || values.length < nnz) {
      throw new IllegalArgumentException(String.format(
          "Expected %d indices and values, got %d and %d", nnz, indices.length, values.length));
    }
    for (int i = 0; i < rows; i++) {
      if (rowStarts[i + 1] < rowStarts[i]) {
        throw new IllegalArgumentException("Row starts must not decrease, row " + i);
      }
      for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++) {
        if (indices[k] < 0 || indices[k] >= dims || (k > rowStarts[i] && indices[k] <= indices[k - 1])) {
          throw new IllegalArgumentException(String.format(
              "Expected ascending feature indices in [0, %d) in row %d, got %d", dims, i, indices[k]));
        }
      }
    }
    this.rowStarts = rowStarts;
    this.indices = indices;
    this.values = values;
  }

  /** {@code rows + 1} offsets into {@link #indices()} and {@link #values()}. Not copied. */
  public int[] rowStarts() {
    return rowStarts;
  }

  /** 0-based feature numbers of the non-zeros. Not copied. */
  public int[] indices() {
    return indices;
  }

  /** The non-zero values. Not copied. */
  public double[] values() {
    return values;
  }

  @Override
  public double dot(int row, double[] w) {
    double s = 0;
    for (int k = rowStarts[row]; k < rowStarts[row + 1]; k++) {
      s += values[k] * w[indices[k]];
    }
    return s;
  }

  @Override
  public double value(int row, int j) {
    for (int k = rowStarts[row]; k < rowStarts[row + 1]; k++) {
      if (indices[k] == j) {
        return values[k];
      }
    }
    return 0;
  }

  @Override
  public long storedValues() {
    return rowStarts[rows()];
  }

  @Override
  public SparseBlock subset(int[] rows, int count) {
    int[] starts = new int[count + 1];
    for (int k = 0; k < count; k++) {
      starts[k + 1] = starts[k] + rowStarts[rows[k] + 1] - rowStarts[rows[k]];
    }
    int[] idx = new int[starts[count]];
    double[] v = new double[starts[count]];
    for (int k = 0; k < count; k++) {
      int from = rowStarts[rows[k]];
      int len = rowStarts[rows[k] + 1] - from;
      System.arraycopy(indices, from, idx, starts[k], len);
      System.arraycopy(values, from, v, starts[k], len);
    }
    return new SparseBlock(count, dims(), starts, idx, v, labelsOf(rows, count), weightsOf(rows, count));
  }
}

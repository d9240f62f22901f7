package sparkdgd.block;

import java.util.Arrays;

/**
 * Fills sparse blocks one row at a time: a parser calls {@link #add(int, double)} for each non-zero
 * of a row, in ascending feature order, then {@link #commitRow(double)}, or {@link #discardRow()} to
 * drop what it added. Arrays grow by doubling; no per-row object is made.
 */
public final class SparseBlockBuilder {
  private final int dims;
  private final int blockRows;
  private int[] rowStarts;
  private int[] indices;
  private double[] values;
  private double[] labels;
  /** The rows' weights, null for a builder of blocks without. */
  private final double[] weights;
  private int rows;
  private int nnz;

  public SparseBlockBuilder(int dims, int blockRows) {
    this(dims, blockRows, false);
  }

  /** A builder whose rows each have a weight ({@link #commitRow(double, double)}) when {@code weighted}. */
  public SparseBlockBuilder(int dims, int blockRows, boolean weighted) {
    if (dims < 1 || blockRows < 1) {
      throw new IllegalArgumentException("Expected dims >= 1 and blockRows >= 1, got " + dims + ", " + blockRows);
    }
    this.dims = dims;
    this.blockRows = blockRows;
    this.rowStarts = new int[blockRows + 1];
    this.indices = new int[16];
    this.values = new double[16];
    this.labels = new double[blockRows];
    this.weights = weighted ? new double[blockRows] : null;
  }

  public int dims() {
    return dims;
  }

  /** Adds a non-zero of the current row; {@code index} is 0-based. Zeros are not stored. */
  public void add(int index, double value) {
    if (value == 0) {
      return;
    }
    if (nnz == indices.length) {
      indices = Arrays.copyOf(indices, 2 * nnz);
      values = Arrays.copyOf(values, 2 * nnz);
    }
    indices[nnz] = index;
    values[nnz++] = value;
  }

  /** Forgets the non-zeros added since the last committed row. */
  public void discardRow() {
    nnz = rowStarts[rows];
  }

  public void commitRow(double label) {
    commitRow(label, 1);
  }

  /**
   * {@link #commitRow(double)} for a row of weight {@code weight}, as {@link BlockBuilder#commitRow(double, double)}
   * takes it.
   */
  public void commitRow(double label, double weight) {
    if (weights != null) {
      weights[rows] = weight;
    } else if (weight != 1) {
      throw new IllegalStateException("A row of weight " + weight + " in blocks without weights");
    }
    labels[rows++] = label;
    rowStarts[rows] = nnz;
  }

  public boolean isFull() {
    return rows == blockRows;
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /** The rows so far as a block (copies trimmed to size), and starts a new one reusing the buffers. */
  public SparseBlock build() {
    SparseBlock b = new SparseBlock(rows, dims, Arrays.copyOf(rowStarts, rows + 1), Arrays.copyOf(indices, nnz),
        Arrays.copyOf(values, nnz), Arrays.copyOf(labels, rows), weights == null ? null : Arrays.copyOf(weights, rows));
    rows = 0;
    nnz = 0;
    return b;
  }
}

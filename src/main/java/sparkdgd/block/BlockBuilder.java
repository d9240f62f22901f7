package sparkdgd.block;

import java.util.Arrays;
import sparkdgd.config.BlockSize;

/**
 * Fills packed blocks one row at a time: a parser writes a row's values straight into
 * {@link #featureSlot()} and then calls {@link #commitRow(double)}. No per-row object is made.
 */
public final class BlockBuilder {
  private final int dims;
  private final int blockRows;
  private double[] features;
  private double[] labels;
  /** The rows' weights, null for a builder of blocks without ({@link #commitRow(double)}). */
  private double[] weights;
  private final boolean weighted;
  private int rows;

  public BlockBuilder(int dims, int blockRows) {
    this(dims, blockRows, false);
  }

  /** A builder whose rows each have a weight ({@link #commitRow(double, double)}) when {@code weighted}. */
  public BlockBuilder(int dims, int blockRows, boolean weighted) {
    if (dims < 1 || blockRows < 1) {
      throw new IllegalArgumentException("Expected dims >= 1 and blockRows >= 1, got " + dims + ", " + blockRows);
    }
    BlockSize.checkDense(dims, blockRows); // dims * blockRows fits an array, and a task's heap
    this.dims = dims;
    this.blockRows = blockRows;
    this.weighted = weighted;
  }

  /** The array to write the next row's features into, at {@link #slotOffset()}. */
  public double[] featureSlot() {
    if (features == null) {
      features = new double[dims * blockRows];
    }
    if (labels == null) {
      labels = new double[blockRows];
      weights = weighted ? new double[blockRows] : null;
    }
    return features;
  }

  /** Where the next row's first feature goes in {@link #featureSlot()}. */
  public int slotOffset() {
    return rows * dims;
  }

  /** Keeps the row whose features were written at {@link #slotOffset()}, of weight 1. */
  public void commitRow(double label) {
    commitRow(label, 1);
  }

  /**
   * {@link #commitRow(double)} for a row of weight {@code weight}: kept in a builder of weighted rows; a builder
   * without weights takes rows of weight 1 only, so that a reader passes its rows' weights (1 without a weight column)
   * whichever builder it fills.
   */
  public void commitRow(double label, double weight) {
    featureSlot();
    if (weights != null) {
      weights[rows] = weight;
    } else if (weight != 1) {
      throw new IllegalStateException("A row of weight " + weight + " in blocks without weights");
    }
    labels[rows++] = label;
  }

  public boolean isFull() {
    return rows == blockRows;
  }

  public boolean isEmpty() {
    return rows == 0;
  }

  /**
   * The rows so far as a block (trimmed to size), and starts a new one. The block copies the features into
   * its tiles, so the next block's rows are written into the same array.
   */
  public DenseBlock build() {
    featureSlot();
    DenseBlock b = new DenseBlock(rows, dims, features, rows == blockRows ? labels : Arrays.copyOf(labels, rows),
        weights == null || rows == blockRows ? weights : Arrays.copyOf(weights, rows));
    labels = null;
    weights = null;
    rows = 0;
    return b;
  }
}

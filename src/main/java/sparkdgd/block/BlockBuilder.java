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
  private int rows;

  public BlockBuilder(int dims, int blockRows) {
    if (dims < 1 || blockRows < 1) {
      throw new IllegalArgumentException("Expected dims >= 1 and blockRows >= 1, got " + dims + ", " + blockRows);
    }
    BlockSize.checkDense(dims, blockRows); // dims * blockRows fits an array, and a task's heap
    this.dims = dims;
    this.blockRows = blockRows;
  }

  /** The array to write the next row's features into, at {@link #slotOffset()}. */
  public double[] featureSlot() {
    if (features == null) {
      features = new double[dims * blockRows];
    }
    if (labels == null) {
      labels = new double[blockRows];
    }
    return features;
  }

  /** Where the next row's first feature goes in {@link #featureSlot()}. */
  public int slotOffset() {
    return rows * dims;
  }

  /** Keeps the row whose features were written at {@link #slotOffset()}. */
  public void commitRow(double label) {
    featureSlot();
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
    DenseBlock b = new DenseBlock(rows, dims, features, rows == blockRows ? labels : Arrays.copyOf(labels, rows));
    labels = null;
    rows = 0;
    return b;
  }
}

package sparkdgd.block;

import java.io.Serializable;

/**
 * A packed run of training rows: {@code rows x dims} feature values in one row-major
 * {@code double[]} and the labels in another. The unit that is cached, so the cache never holds one
 * object per row.
 */
public final class Block implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int rows;
  private final int dims;
  private final double[] features;
  private final double[] labels;

  /**
   * @param features row-major values, at least {@code rows * dims} long (only that prefix is used)
   * @param labels   labels, at least {@code rows} long (only that prefix is used)
   */
  public Block(int rows, int dims, double[] features, double[] labels) {
    if (rows < 0 || dims < 0) {
      throw new IllegalArgumentException("Expected rows >= 0 and dims >= 0, got " + rows + " x " + dims);
    }
    if (features.length < (long) rows * dims || labels.length < rows) {
      throw new IllegalArgumentException(String.format(
          "Expected %d x %d features and %d labels, got %d values and %d labels",
          rows, dims, rows, features.length, labels.length));
    }
    this.rows = rows;
    this.dims = dims;
    this.features = features;
    this.labels = labels;
  }

  public int rows() {
    return rows;
  }

  public int dims() {
    return dims;
  }

  /** Row-major feature values; row {@code i} is at {@code [i * dims, (i + 1) * dims)}. Not copied. */
  public double[] features() {
    return features;
  }

  /** Labels; not copied. */
  public double[] labels() {
    return labels;
  }
}

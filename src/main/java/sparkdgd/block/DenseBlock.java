package sparkdgd.block;

import java.util.Objects;

/** Features as one {@code double[]} in tiles of four rows ({@link Tiles}). */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final double[] features;

  /**
   * @param features row-major values, at least {@code rows * dims} long (only that prefix is used; copied into
   *                 tiles, so the caller may reuse the array)
   * @param labels   labels, at least {@code rows} long (only that prefix is used)
   */
  public DenseBlock(int rows, int dims, double[] features, double[] labels) {
    this(rows, dims, features, labels, null);
  }

  /** A block whose rows weigh {@code weights} (at least {@code rows} long; null: every row weighs 1). */
  public DenseBlock(int rows, int dims, double[] features, double[] labels, double[] weights) {
    super(rows, dims, labels, weights);
    if (features.length < (long) rows * dims) {
      throw new IllegalArgumentException(String.format(
          "Expected %d x %d features and %d labels, got %d values and %d labels",
          rows, dims, rows, features.length, labels.length));
    }
    this.features = Tiles.fromRows(features, rows, dims);
  }

  /** The feature values in tiles of four rows ({@link Tiles}), exactly {@code rows * dims} of them. Not copied. */
  public double[] tiles() {
    return features;
  }

  @Override
  public double dot(int row, double[] w) {
    Objects.checkIndex(row, rows());
    double s = 0;
    final int stride = Tiles.stride(row, rows());
    for (int j = 0, at = Tiles.start(row, dims()); j < dims(); j++, at += stride) {
      s += features[at] * w[j];
    }
    return s;
  }

  @Override
  public double value(int row, int j) {
    return features[Tiles.index(row, j, rows(), dims())];
  }

  @Override
  public long storedValues() {
    return (long) rows() * dims();
  }

  @Override
  public DenseBlock subset(int[] rows, int count) {
    int d = dims();
    double[] x = new double[count * d];
    for (int k = 0; k < count; k++) {
      for (int j = 0; j < d; j++) {
        x[k * d + j] = value(rows[k], j);
      }
    }
    return new DenseBlock(count, d, x, labelsOf(rows, count), weightsOf(rows, count));
  }
}

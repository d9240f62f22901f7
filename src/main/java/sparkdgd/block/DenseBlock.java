package sparkdgd.block;

/** Features as one row-major {@code double[]}: row {@code i} is at {@code [i * dims, (i + 1) * dims)}. */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final double[] features;

  /**
   * @param features row-major values, at least {@code rows * dims} long (only that prefix is used)
   * @param labels   labels, at least {@code rows} long (only that prefix is used)
   */
  public DenseBlock(int rows, int dims, double[] features, double[] labels) {
    super(rows, dims, labels);
    if (features.length < (long) rows * dims) {
      throw new IllegalArgumentException(String.format(
          "Expected %d x %d features and %d labels, got %d values and %d labels",
          rows, dims, rows, features.length, labels.length));
    }
    this.features = features;
  }

  /** Row-major feature values. Not copied. */
  public double[] features() {
    return features;
  }

  @Override
  public double dot(int row, double[] w) {
    double s = 0;
    for (int j = 0, off = row * dims(); j < dims(); j++) {
      s += features[off + j] * w[j];
    }
    return s;
  }

  @Override
  public double value(int row, int j) {
    return features[row * dims() + j];
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
      System.arraycopy(features, rows[k] * d, x, k * d, d);
    }
    return new DenseBlock(count, d, x, labelsOf(rows, count));
  }
}

package sparkdgd.block;

/**
 * Dense features stored as {@code float} ({@code --precision float32}): half the cached bytes of
 * {@link DenseBlock}. Values are rounded to float once, when cached; every kernel widens them to
 * double and accumulates in double.
 */
public final class DenseFloatBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final float[] features;

  public DenseFloatBlock(int rows, int dims, float[] features, double[] labels) {
    super(rows, dims, labels);
    if (features.length < (long) rows * dims) {
      throw new IllegalArgumentException(String.format(
          "Expected %d x %d features, got %d values", rows, dims, features.length));
    }
    this.features = features;
  }

  /** The block's values rounded to float. */
  public static DenseFloatBlock of(DenseBlock b) {
    int n = b.rows() * b.dims();
    double[] x = b.features();
    float[] f = new float[n];
    for (int k = 0; k < n; k++) {
      f[k] = (float) x[k];
    }
    return new DenseFloatBlock(b.rows(), b.dims(), f, b.labels());
  }

  /** Row-major feature values. Not copied. */
  public float[] features() {
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
  public DenseFloatBlock subset(int[] rows, int count) {
    int d = dims();
    float[] x = new float[count * d];
    for (int k = 0; k < count; k++) {
      System.arraycopy(features, rows[k] * d, x, k * d, d);
    }
    return new DenseFloatBlock(count, d, x, labelsOf(rows, count));
  }
}

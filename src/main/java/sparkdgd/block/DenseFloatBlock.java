package sparkdgd.block;

import java.util.Objects;

/**
 * Dense features stored as {@code float} ({@code --precision float32}): half the cached bytes of
 * {@link DenseBlock}. Values are rounded to float once, when cached; every kernel widens them to
 * double and accumulates in double.
 */
public final class DenseFloatBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final float[] features;

  /**
   * @param features row-major values, at least {@code rows * dims} long (only that prefix is used; copied into
   *                 tiles of four rows, {@link Tiles})
   */
  public DenseFloatBlock(int rows, int dims, float[] features, double[] labels) {
    this(rows, dims, features, labels, null);
  }

  /** A block whose rows weigh {@code weights} (null: every row weighs 1). */
  public DenseFloatBlock(int rows, int dims, float[] features, double[] labels, double[] weights) {
    this(Tiles.fromRows(checked(features, rows, dims), rows, dims), rows, dims, labels, weights);
  }

  /** A block over values already in tiles (the arguments' order tells it from the public constructor). */
  private DenseFloatBlock(float[] tiles, int rows, int dims, double[] labels, double[] weights) {
    super(rows, dims, labels, weights);
    this.features = tiles;
  }

  private static float[] checked(float[] features, int rows, int dims) {
    if (features.length < (long) rows * dims) {
      throw new IllegalArgumentException(String.format(
          "Expected %d x %d features, got %d values", rows, dims, features.length));
    }
    return features;
  }

  /** The block's values rounded to float, in the same tiles. */
  public static DenseFloatBlock of(DenseBlock b) {
    double[] x = b.tiles();
    float[] f = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      f[k] = (float) x[k];
    }
    return new DenseFloatBlock(f, b.rows(), b.dims(), b.labels(), b.weights());
  }

  /** The feature values in tiles of four rows ({@link Tiles}), exactly {@code rows * dims} of them. Not copied. */
  public float[] tiles() {
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
  public DenseFloatBlock subset(int[] rows, int count) {
    int d = dims();
    float[] x = new float[count * d];
    for (int k = 0; k < count; k++) {
      for (int j = 0; j < d; j++) {
        x[k * d + j] = (float) value(rows[k], j);
      }
    }
    return new DenseFloatBlock(count, d, x, labelsOf(rows, count), weightsOf(rows, count));
  }
}

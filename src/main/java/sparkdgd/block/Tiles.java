package sparkdgd.block;

import java.util.Objects;

/**
 * How {@link DenseBlock} and {@link DenseFloatBlock} lay out their {@code n x d} values: rows in tiles of
 * four, feature-major inside a tile. Tile t holds rows 4t..4t+3 at {@code [4t d, 4(t+1) d)}, feature j of
 * row 4t+k at {@code 4t d + 4j + k}. When n is not a multiple of four, the block ends with a narrower tile
 * of its last {@code n mod 4} rows, laid out the same way with that many lanes, so the values fill exactly
 * {@code n d} entries. Four rows' feature j sit side by side, and the kernel walks a tile with one running
 * index instead of four row offsets, which C2 had kept on the stack. On the benchmark machine the kernel took
 * 70-76 ms at 1e7 x 10 and 60 ms at 1e6 x 100, where nine earlier runs over row-major blocks took 78-97
 * (135 in a slow one) and 75-100 (docs/BENCHMARKS.md).
 */
public final class Tiles {
  /** Rows per full tile. The kernels' loops are written for four (DenseKernel), so this is not a setting. */
  private static final int LANES = 4;

  private Tiles() {}

  /** Where {@code row}'s feature 0 is. */
  public static int start(int row, int dims) {
    return (row & ~(LANES - 1)) * dims + (row & (LANES - 1));
  }

  /** How far apart {@code row}'s consecutive features are: the width of its tile in a block of {@code rows}. */
  public static int stride(int row, int rows) {
    return Math.min(LANES, rows - (row & ~(LANES - 1)));
  }

  /** Where {@code row}'s feature {@code j} is in a block of {@code rows}; throws outside the block. */
  public static int index(int row, int j, int rows, int dims) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(j, dims);
    return start(row, dims) + j * stride(row, rows);
  }

  /** The rows before the narrower last tile, if any: {@code rows} rounded down to a multiple of four. */
  public static int fullTileRows(int rows) {
    return rows & ~(LANES - 1);
  }

  /** Row-major values ({@code rowMajor[i d + j]}, at least {@code rows d} of them) in this layout. */
  static double[] fromRows(double[] rowMajor, int rows, int dims) {
    double[] tiled = new double[rows * dims];
    for (int i = 0; i < rows; i++) {
      int at = start(i, dims);
      int stride = stride(i, rows);
      for (int j = 0; j < dims; j++, at += stride) {
        tiled[at] = rowMajor[i * dims + j];
      }
    }
    return tiled;
  }

  /** The inverse of {@link #fromRows(double[], int, int)}: the block's {@code rows x dims} values row-major. */
  public static double[] toRows(double[] tiled, int rows, int dims) {
    double[] rowMajor = new double[rows * dims];
    for (int i = 0; i < rows; i++) {
      int at = start(i, dims);
      int stride = stride(i, rows);
      for (int j = 0; j < dims; j++, at += stride) {
        rowMajor[i * dims + j] = tiled[at];
      }
    }
    return rowMajor;
  }

  /** {@link #fromRows(double[], int, int)} for float values. */
  static float[] fromRows(float[] rowMajor, int rows, int dims) {
    float[] tiled = new float[rows * dims];
    for (int i = 0; i < rows; i++) {
      int at = start(i, dims);
      int stride = stride(i, rows);
      for (int j = 0; j < dims; j++, at += stride) {
        tiled[at] = rowMajor[i * dims + j];
      }
    }
    return tiled;
  }
}

package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The tiled layout against arrays written out by hand, and every accessor against the row-major input. */
class TilesTest {
  /** Rows (i, 10 i, 100 i) for i = 0..n-1, row-major. */
  private static double[] rows(int n) {
    double[] x = new double[n * 3];
    for (int i = 0; i < n; i++) {
      x[3 * i] = i;
      x[3 * i + 1] = 10 * i;
      x[3 * i + 2] = 100 * i;
    }
    return x;
  }

  @Test
  void fullTilesAreFeatureMajorAndTheLastTileIsAsWideAsItsRows() {
    DenseBlock six = new DenseBlock(6, 3, rows(6), new double[6]);
    assertArrayEquals(new double[] {
        0, 1, 2, 3, 0, 10, 20, 30, 0, 100, 200, 300,  // rows 0-3: feature 0 of each, then 1, then 2
        4, 5, 40, 50, 400, 500},                      // rows 4-5: a tile two lanes wide
        six.tiles(), 0.0);
    assertArrayEquals(rows(6), Tiles.toRows(six.tiles(), 6, 3), 0.0);
    DenseBlock three = new DenseBlock(3, 3, rows(3), new double[3]);
    assertArrayEquals(new double[] {0, 1, 2, 0, 10, 20, 0, 100, 200}, three.tiles(), 0.0);
    DenseBlock four = new DenseBlock(4, 3, rows(4), new double[4]);
    assertArrayEquals(new double[] {0, 1, 2, 3, 0, 10, 20, 30, 0, 100, 200, 300}, four.tiles(), 0.0);
  }

  @Test
  void accessorsReadTheRowsBackForEveryShapeOfTheLastTile() {
    double[] w = {0.5, -2, 0.25};
    for (int n = 0; n <= 9; n++) {
      double[] x = rows(n);
      double[] y = new double[n];
      for (Block b : new Block[] {new DenseBlock(n, 3, x, y), new DenseFloatBlock(n, 3, toFloat(x), y),
          DenseFloatBlock.of(new DenseBlock(n, 3, x, y))}) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < 3; j++) {
            assertEquals(x[3 * i + j], b.value(i, j), 0.0, "n=" + n + " row " + i + " feature " + j);
          }
          assertEquals(0.5 * i - 20 * i + 25 * i, b.dot(i, w), 0.0, "n=" + n + " dot of row " + i);
        }
        final int rows = n;
        assertThrows(IndexOutOfBoundsException.class, () -> b.value(rows, 0), "n=" + n + ": a row past the end");
        assertThrows(IndexOutOfBoundsException.class, () -> b.dot(rows, w), "n=" + n + ": a row past the end");
        if (n > 0) {
          assertThrows(IndexOutOfBoundsException.class, () -> b.value(0, 3), "n=" + n + ": a feature past the end");
        }
        if (n >= 3) {
          Block subset = b.subset(new int[] {n - 1, 0, 2}, 3);
          assertEquals(10 * (n - 1), subset.value(0, 1), 0.0);
          assertEquals(0, subset.value(1, 2), 0.0);
          assertEquals(200, subset.value(2, 2), 0.0);
        }
      }
    }
  }

  private static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      f[k] = (float) x[k];
    }
    return f;
  }
}

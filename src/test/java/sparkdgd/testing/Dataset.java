package sparkdgd.testing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** In-memory test data (features, labels, column names) that can be written as CSV and read back. */
public record Dataset(double[][] x, double[] y, List<String> featureNames) {

  /**
   * Random rows with AR(1)-correlated features ({@code correlation} between neighbours), feature j
   * shifted by {@code 3j} and scaled by {@code 1 + j}, and {@code y = w.x + b + noise * N(0,1)}.
   */
  public static Dataset correlated(int rows, double[] w, double b, double correlation, double noise, long seed) {
    Random rnd = new Random(seed);
    int d = w.length;
    double[][] x = new double[rows][d];
    double[] y = new double[rows];
    double innovation = Math.sqrt(1 - correlation * correlation);
    for (int i = 0; i < rows; i++) {
      double prev = rnd.nextGaussian();
      double label = b + noise * rnd.nextGaussian();
      for (int j = 0; j < d; j++) {
        double z = j == 0 ? prev : correlation * prev + innovation * rnd.nextGaussian();
        prev = z;
        x[i][j] = 3 * j + (1 + j) * z;
        label += w[j] * x[i][j];
      }
      y[i] = label;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("x" + (j + 1));
    }
    return new Dataset(x, y, names);
  }

  /** Reads a numeric CSV with a header whose last column is the label. */
  public static Dataset readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    List<String> names = List.of(header).subList(0, header.length - 1);
    int n = lines.size() - 1;
    double[][] x = new double[n][header.length - 1];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = Double.parseDouble(f[j]);
      }
      y[i] = Double.parseDouble(f[f.length - 1]);
    }
    return new Dataset(x, y, names);
  }

  public int rows() {
    return y.length;
  }

  public int dims() {
    return featureNames.size();
  }

  /** The same rows sorted by label (a stable sort: ties keep their order). */
  public Dataset sortedByLabel() {
    Integer[] order = new Integer[rows()];
    java.util.Arrays.setAll(order, i -> i);
    java.util.Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
    return new Dataset(java.util.Arrays.stream(order).map(i -> x[i]).toArray(double[][]::new),
        java.util.Arrays.stream(order).mapToDouble(i -> y[i]).toArray(), featureNames);
  }

  /**
   * Writes the data as CSV with header {@code x1,...,xd,y}, values in full precision so the file
   * holds exactly these doubles.
   */
  public Path writeCsv(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", featureNames) + ",y\n");
      for (int i = 0; i < rows(); i++) {
        StringBuilder sb = new StringBuilder();
        for (double v : x[i]) {
          sb.append(v).append(',');
        }
        w.write(sb.append(y[i]).append('\n').toString());
      }
    }
    return file;
  }

  /** MSE of {@code coef = [w.., b]} by a plain loop. */
  public double mse(double[] coef) {
    double s = 0;
    int d = dims();
    for (int i = 0; i < rows(); i++) {
      double r = coef[d] - y[i];
      for (int j = 0; j < d; j++) {
        r += coef[j] * x[i][j];
      }
      s += r * r;
    }
    return s / rows();
  }
}

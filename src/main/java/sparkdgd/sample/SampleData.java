package sparkdgd.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the bundled sample data sets, deterministically (fixed seeds; {@link Random}'s algorithm is
 * specified, so every JVM writes the same bytes). Run from the repository root:
 * {@code java -cp target/classes sparkdgd.sample.SampleData sample-data}.
 */
public final class SampleData {
  /** The correlated set's true coefficients, intercept and noise level, in original units. */
  static final double[] TRUE_COEFFICIENTS = {1.5, -2.0, 0.5, 3.0, 0.0, -1.0, 2.5, 0.75};
  static final double TRUE_INTERCEPT = 4.0;
  static final double NOISE = 0.5;
  static final double CORRELATION = 0.8;
  static final double[] MEANS = {10, -5, 0, 100, 2, 50, -20, 1};
  static final double[] SCALES = {2, 0.5, 1, 20, 0.1, 5, 3, 1};

  private SampleData() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "sample-data");
    Files.createDirectories(dir);
    writeTutorial(dir.resolve("tutorial.csv"), 1000, 42);
    writeCorrelated(dir.resolve("correlated.csv"), dir.resolve("correlated.truth.json"), 4000, 7);
  }

  /** The tutorial's data: x ~ U(0,1), y = 2x + 0.1 N(0,1). */
  static void writeTutorial(Path file, int rows, long seed) throws IOException {
    Random rnd = new Random(seed);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("x,y\n");
      for (int i = 0; i < rows; i++) {
        double x = rnd.nextDouble();
        double y = 2 * x + 0.1 * rnd.nextGaussian();
        w.write(String.format(Locale.ROOT, "%.8f,%.8f%n", x, y));
      }
    }
  }

  /**
   * Eight features with AR(1) correlation 0.8 between neighbours (x_j = 0.8 x_{j-1} + 0.6 z_j before
   * shifting and scaling), very different means and scales, and y = w.x + b + 0.5 N(0,1).
   */
  static void writeCorrelated(Path file, Path truth, int rows, long seed) throws IOException {
    Random rnd = new Random(seed);
    int d = TRUE_COEFFICIENTS.length;
    double innovation = Math.sqrt(1 - CORRELATION * CORRELATION);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder header = new StringBuilder();
      for (int j = 0; j < d; j++) {
        header.append("f").append(j + 1).append(',');
      }
      w.write(header.append("y\n").toString());
      double[] x = new double[d];
      for (int i = 0; i < rows; i++) {
        double prev = rnd.nextGaussian();
        StringBuilder line = new StringBuilder();
        double y = TRUE_INTERCEPT + NOISE * rnd.nextGaussian();
        for (int j = 0; j < d; j++) {
          double z = j == 0 ? prev : CORRELATION * prev + innovation * rnd.nextGaussian();
          prev = z;
          x[j] = Double.parseDouble(String.format(Locale.ROOT, "%.6f", MEANS[j] + SCALES[j] * z));
          y += TRUE_COEFFICIENTS[j] * x[j];
          line.append(String.format(Locale.ROOT, "%.6f,", x[j]));
        }
        w.write(line.append(String.format(Locale.ROOT, "%.6f%n", y)).toString());
      }
    }
    StringBuilder json = new StringBuilder("{\n  \"description\": \"y = sum coefficients[j] * f(j+1) + intercept + ")
        .append(NOISE).append(" * N(0,1); features AR(1) with correlation ").append(CORRELATION)
        .append("\",\n  \"rows\": ").append(rows).append(",\n  \"featureNames\": [");
    for (int j = 0; j < d; j++) {
      json.append(j == 0 ? "" : ", ").append("\"f").append(j + 1).append('"');
    }
    json.append("],\n  \"coefficients\": [");
    for (int j = 0; j < d; j++) {
      json.append(j == 0 ? "" : ", ").append(TRUE_COEFFICIENTS[j]);
    }
    json.append("],\n  \"intercept\": ").append(TRUE_INTERCEPT).append(",\n  \"noise\": ").append(NOISE)
        .append(",\n  \"seed\": ").append(seed).append("\n}\n");
    Files.writeString(truth, json.toString(), StandardCharsets.UTF_8);
  }
}

package sparkdgd.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.Block;
import sparkdgd.cli.TestRuns;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.SparkTestSession;

/** loss.png and fit.png: real PNGs of the stated size with a drawing on them; the sample behind fit.png. */
@Tag("spark")
class PlotsTest {

  /** Decodes the file as a PNG of 800 x 500 and checks it is a drawing, not a blank or flat image. */
  static BufferedImage assertDrawnPng(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertEquals((byte) 0x89, bytes[0], "PNG signature");
    assertEquals("PNG", new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
    assertEquals(Charts.WIDTH, img.getWidth());
    assertEquals(Charts.HEIGHT, img.getHeight());
    Set<Integer> colours = new HashSet<>();
    int nonWhite = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    // text, axes, gridlines and anti-aliased curves give hundreds of colours; a blank image has one
    assertTrue(colours.size() > 100, file + ": only " + colours.size() + " colours");
    assertTrue(nonWhite > 0.01 * img.getWidth() * img.getHeight(), file + ": almost blank");
    return img;
  }

  /** Pixels within 40 of {@code rgb} in every channel. */
  static int pixelsNear(BufferedImage img, int r, int g, int b) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (Math.abs((p >> 16 & 255) - r) < 40 && Math.abs((p >> 8 & 255) - g) < 40 && Math.abs((p & 255) - b) < 40) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void trainingDrawsLossAndFitAndNoPlotsTurnsThemOff(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    TestRuns.ok("--data", "sample-data/tutorial.csv", "--output", out.toString(), "--standardize", "false",
        "--learning-rate", "0.01", "--epochs", "30", "--tol", "0");
    BufferedImage loss = assertDrawnPng(out.resolve("loss.png"));
    assertTrue(pixelsNear(loss, 31, 119, 180) > 300, "the blue loss curve is drawn");
    BufferedImage fit = assertDrawnPng(out.resolve("fit.png"));
    assertTrue(pixelsNear(fit, 31, 119, 180) > 2000, "the data points are drawn");
    assertTrue(pixelsNear(fit, 214, 39, 40) > 500, "the red fitted line is drawn");

    Path quiet = tmp.resolve("noplots");
    TestRuns.ok("--data", "sample-data/tutorial.csv", "--output", quiet.toString(), "--no-plots");
    assertFalse(Files.exists(quiet.resolve("loss.png")));
    assertFalse(Files.exists(quiet.resolve("fit.png")));
    assertTrue(Files.exists(quiet.resolve("model.json")));
  }

  @Test
  void severalFeaturesDrawActualAgainstPredicted(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    TestRuns.ok("--data", "sample-data/correlated.csv", "--output", out.toString(), "--epochs", "50");
    BufferedImage fit = assertDrawnPng(out.resolve("fit.png"));
    int red = pixelsNear(fit, 214, 39, 40);
    // a 45-degree line ~550 px long, 2.5 px wide, has about one fully red pixel per step; nothing else is red
    assertTrue(red > 150, "the red diagonal is drawn: " + red);
    assertDrawnPng(out.resolve("loss.png"));
  }

  private static List<Block> blocks(double[][] x, double[] y, int perBlock) {
    List<Block> blocks = new ArrayList<>();
    int d = x[0].length;
    for (int start = 0; start < y.length; start += perBlock) {
      int rows = Math.min(perBlock, y.length - start);
      double[] f = new double[rows * d];
      double[] l = new double[rows];
      for (int i = 0; i < rows; i++) {
        System.arraycopy(x[start + i], 0, f, i * d, d);
        l[i] = y[start + i];
      }
      blocks.add(new sparkdgd.block.DenseBlock(rows, d, f, l));
    }
    return blocks;
  }

  @Test
  void theSampleHoldsRealRowsAndStaysNearTheCap() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    int n = 5000;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    Set<String> rows = new HashSet<>();
    for (int i = 0; i < n; i++) {
      x[i][0] = i;
      x[i][1] = i % 7;
      y[i] = 3.0 * i + 0.5;
      // several features: the point is (prediction, label) with prediction = 2 x0 - x1 + 1
      rows.add((2.0 * x[i][0] - x[i][1] + 1) + "," + y[i]);
    }
    JavaRDD<Block> rdd = jsc.parallelize(blocks(x, y, 300), 4);
    LinearModel two = new LinearModel(List.of("a", "b"), new double[] {2, -1}, 1, "y");
    FitSample s = FitSample.draw(rdd, two, n, 400, 1);
    assertTrue(s.predicted());
    // Bernoulli(400/5000) per row: 400 +- 3 sd (sd ~ 19), then cut at 400
    assertTrue(s.size() <= 400 && s.size() > 340, "size " + s.size());
    for (int i = 0; i < s.size(); i++) {
      assertTrue(rows.contains(s.x()[i] + "," + s.y()[i]), "point " + i + " is a real row");
    }
    assertEquals(s.size(), FitSample.draw(rdd, two, n, 400, 1).size(), "same seed, same sample");

    JavaRDD<Block> small = jsc.parallelize(blocks(new double[][] {{1}, {2}, {4}}, new double[] {3, 5, 9}, 2), 2);
    FitSample all = FitSample.draw(small, new LinearModel(List.of("x"), new double[] {2}, 1, "y"), 3, 400, 1);
    assertFalse(all.predicted());
    assertEquals(List.of(1.0, 2.0, 4.0), List.of(all.x()[0], all.x()[1], all.x()[2]), "one feature: x itself");
    assertEquals(List.of(3.0, 5.0, 9.0), List.of(all.y()[0], all.y()[1], all.y()[2]));
  }
}

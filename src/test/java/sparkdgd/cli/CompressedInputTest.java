package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.InputFormat;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.PartitionLabels;
import sparkdgd.testing.SparkTestSession;

/**
 * Gzip-compressed text input, as Hadoop's text reader reads it: the format from the name under the codec's
 * extension, the header from the decompressed text, and a bad line named by its line in the text. A gzip file is
 * one split; an explicit {@code --partitions} above that spreads its lines over that many partitions, and automatic
 * partitions over Spark's default parallelism.
 */
@Tag("spark")
class CompressedInputTest {
  @TempDir
  Path tmp;

  private static String rows(int n, int badLine) {
    StringBuilder text = new StringBuilder("x1,x2,y\n");
    for (int i = 1; i < n; i++) {
      double x1 = Math.sin(i);
      double x2 = Math.cos(3.0 * i);
      String y = i + 1 == badLine ? "n/a" : Double.toString(2 * x1 - x2 + 0.5 + 0.01 * Math.sin(7.0 * i));
      text.append(x1).append(',').append(x2).append(',').append(y).append('\n');
    }
    return text.toString();
  }

  private Path gzip(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  private JsonNode train(Path data, String out) throws Exception {
    CliRun run = CliRun.of("--data", data.toString(), "--epochs", "30", "--partitions", "1", "--no-plots",
        "--output", tmp.resolve(out).toString());
    assertEquals(0, run.code(), run.err());
    return new ObjectMapper().readTree(tmp.resolve(out).resolve("model.json").toFile());
  }

  @Test
  void aGzippedCsvTrainsAsThePlainOne() throws Exception {
    String text = rows(3000, -1);
    JsonNode plain = train(Files.writeString(tmp.resolve("rows.csv"), text), "plain");
    JsonNode gzipped = train(gzip("rows.csv.gz", text), "gzipped");
    assertEquals(3000 - 1, gzipped.get("rows").asLong());
    assertEquals(plain.get("featureNames"), gzipped.get("featureNames"));
    assertEquals(plain.get("coefficients"), gzipped.get("coefficients"), "one partition each: the same bits");
    assertEquals(plain.get("intercept"), gzipped.get("intercept"));
  }

  @Test
  void aBadValueInAGzippedCsvIsNamedByItsLineInTheText() throws Exception {
    Path f = gzip("rows.csv.gz", rows(3000, 1500));
    CliRun run = CliRun.of("--data", f.toString(), "--epochs", "1", "--output", tmp.resolve("out").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(f + ":1500:"), run.err());
    assertTrue(run.err().contains("label column \"y\": expected a number, found \"n/a\""), run.err());
  }

  /** The same rows as LIBSVM: {@code y 1:x1 2:x2}; line {@code badLine} (1-based) has an index 0. */
  private static String libsvmRows(int n, int badLine) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      double x1 = Math.sin(i);
      double x2 = Math.cos(3.0 * i);
      double y = 2 * x1 - x2 + 0.5 + 0.01 * Math.sin(7.0 * i);
      text.append(y).append(i == badLine ? " 0:" : " 1:").append(x1).append(" 2:").append(x2).append('\n');
    }
    return text.toString();
  }

  /** The labels of a text's lines (the last CSV field, or the first LIBSVM token), sorted; the header skipped. */
  private static double[] labelsOf(String text, InputFormat format) {
    List<Double> labels = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (format == InputFormat.CSV && !line.startsWith("x1")) {
        labels.add(Double.parseDouble(line.substring(line.lastIndexOf(',') + 1)));
      } else if (format == InputFormat.LIBSVM) {
        labels.add(Double.parseDouble(line.substring(0, line.indexOf(' '))));
      }
    }
    double[] sorted = labels.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** Each partition's labels, as Spark holds the loaded blocks. */
  private static List<double[]> labelsByPartition(Path data, InputFormat format, int partitions) {
    return PartitionLabels.of(data, format, partitions);
  }

  /**
   * {@code rows} lines of one split dealt round robin over {@code partitions}: each partition holds
   * {@code rows / partitions} or one more, and together they hold every line's label once.
   */
  private static void assertSpread(List<double[]> parts, int partitions, double[] expectedLabels) {
    assertEquals(partitions, parts.size(), "partitions Spark reports");
    int rows = expectedLabels.length;
    for (double[] p : parts) {
      assertTrue(p.length == rows / partitions || p.length == rows / partitions + 1,
          "a partition of " + p.length + " rows; " + rows + " rows over " + partitions + " partitions");
    }
    double[] all = parts.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
    assertArrayEquals(expectedLabels, all, 0.0, "every line once, its label as written");
  }

  @Test
  void aGzippedCsvIsSpreadOverTheRequestedPartitions() throws Exception {
    String text = rows(3000, -1); // 2999 rows: 5 partitions of 500, one of 499
    Path f = gzip("rows.csv.gz", text);
    assertSpread(labelsByPartition(f, InputFormat.CSV, 6), 6, labelsOf(text, InputFormat.CSV));
  }

  /** Spark's default parallelism of the test session ({@code local[2,2]}): 2. */
  private static int defaultParallelism() {
    return SparkTestSession.get().sparkContext().defaultParallelism();
  }

  @Test
  void aGzippedFileIsSpreadOverTheDefaultParallelismWhenPartitionsAreAutomatic() throws Exception {
    assertEquals(2, defaultParallelism(), "the test session is local[2,2]");
    String csv = rows(3000, -1);
    assertSpread(labelsByPartition(gzip("rows.csv.gz", csv), InputFormat.CSV, 0), 2, labelsOf(csv, InputFormat.CSV));
    String svm = libsvmRows(2000, -1);
    assertSpread(labelsByPartition(gzip("rows.libsvm.gz", svm), InputFormat.LIBSVM, 0), 2,
        labelsOf(svm, InputFormat.LIBSVM));

    // the same rows uncompressed keep their byte-range splits, no shuffle: the first partition holds the file's
    // first rows, in the file's order
    List<double[]> plain = labelsByPartition(Files.writeString(tmp.resolve("rows.csv"), csv), InputFormat.CSV, 0);
    assertEquals(2, plain.size(), "a split per core");
    double[] inFileOrder = Arrays.stream(csv.split("\n")).skip(1)
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).toArray();
    assertArrayEquals(Arrays.copyOf(inFileOrder, plain.get(0).length), plain.get(0), 0.0, "plain: the first split");
  }

  /**
   * Automatic partitions: the gzipped file trains in the default parallelism's 2 partitions, and the model is the
   * plain file's in as many partitions (each partition's sums hold other rows, so within rounding, not to the bit).
   */
  @Test
  void aGzippedCsvWithAutomaticPartitionsTrainsAsThePlainOneInAsManyPartitions() throws Exception {
    String text = rows(3000, -1);
    Path plainOut = tmp.resolve("plain2");
    CliRun plain = CliRun.of("--data", Files.writeString(tmp.resolve("rows.csv"), text).toString(), "--epochs", "30",
        "--partitions", "2", "--no-plots", "--output", plainOut.toString());
    assertEquals(0, plain.code(), plain.err());
    Path gzippedOut = tmp.resolve("gzipped-auto");
    CliRun gzipped = CliRun.of("--data", gzip("rows.csv.gz", text).toString(), "--epochs", "30", "--no-plots",
        "--output", gzippedOut.toString());
    assertEquals(0, gzipped.code(), gzipped.err());
    assertTrue(gzipped.out().contains("Data: 2,999 rows x 2 features in 2 partitions"), gzipped.out());
    JsonNode p = new ObjectMapper().readTree(plainOut.resolve("model.json").toFile());
    JsonNode g = new ObjectMapper().readTree(gzippedOut.resolve("model.json").toFile());
    assertEquals(2, g.get("partitions").asInt());
    assertEquals(3000 - 1, g.get("rows").asLong());
    double[] expected = Generated.coefficientsAndIntercept(p);
    double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(g), expected);
    assertTrue(diff <= 1e-12, "gzipped in 2 automatic partitions vs plain in --partitions 2: " + diff);
  }

  @Test
  void aGzippedLibsvmFileIsSpreadOverTheRequestedPartitions() throws Exception {
    String text = libsvmRows(2000, -1);
    Path f = gzip("rows.libsvm.gz", text);
    assertSpread(labelsByPartition(f, InputFormat.LIBSVM, 7), 7, labelsOf(text, InputFormat.LIBSVM));
  }

  @Test
  void aGzippedCsvTrainsInTheRequestedPartitions() throws Exception {
    Path f = gzip("rows.csv.gz", rows(3000, -1));
    Path out = tmp.resolve("spread");
    CliRun run = CliRun.of("--data", f.toString(), "--epochs", "2", "--partitions", "6", "--no-plots",
        "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("in 6 partitions"), run.out());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals(6, model.get("partitions").asInt());
    assertEquals(3000 - 1, model.get("rows").asLong());
  }

  /** Skipped, so that the run goes on to say how many partitions it read the file into. */
  @Test
  void aBadLineOfAGzippedFileSpreadOverAutomaticPartitionsIsStillNamedByItsLine() throws Exception {
    Path csv = gzip("rows.csv.gz", rows(3000, 1500));
    CliRun run = CliRun.of("--data", csv.toString(), "--epochs", "1", "--on-bad-record", "skip", "--no-plots",
        "--output", tmp.resolve("out-skip").toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("Data: 2,998 rows x 2 features in 2 partitions"), run.out());
    assertTrue(run.out().contains("Skipped 1 bad record (--on-bad-record skip):\n  file:" + csv + ":1500:"),
        run.out());
  }

  @Test
  void aBadLineOfAGzippedFileSpreadOverPartitionsIsStillNamedByItsLine() throws Exception {
    Path csv = gzip("rows.csv.gz", rows(3000, 1500));
    CliRun run = CliRun.of("--data", csv.toString(), "--epochs", "1", "--partitions", "4",
        "--output", tmp.resolve("out-csv").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(csv + ":1500:"), run.err());
    assertTrue(run.err().contains("label column \"y\": expected a number, found \"n/a\""), run.err());

    Path svm = gzip("rows.libsvm.gz", libsvmRows(2000, 1234));
    run = CliRun.of("--data", svm.toString(), "--epochs", "1", "--partitions", "4", "--num-features", "2",
        "--output", tmp.resolve("out-svm").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(svm + ":1234:"), run.err());
  }
}

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;

/** LIBSVM input end to end: sparse and dense encodings of the same rows, and LIBSVM errors. */
@Tag("spark")
class SparseInputTest {
  @TempDir
  Path tmp;

  private Path generate(String name, String format) {
    Path out = tmp.resolve(name);
    CliRun run = CliRun.of("generate", "--rows", "3000", "--features", "5", "--sparsity", "0.6", "--noise", "0.2",
        "--coefficients", "1,-2,3,0.5,-1", "--intercept", "2", "--seed", "9", "--partitions", "2",
        "--format", format, "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    return out;
  }

  private static JsonNode train(Path data, Path out, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--output", out.toString(),
        "--tol", "0", "--block-rows", "128", "--partitions", "3"));
    args.addAll(List.of(extra));
    if (!args.contains("--epochs")) {
      args.addAll(List.of("--epochs", "40"));
    }
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.code(), run.out() + run.err());
    return new ObjectMapper().readTree(out.resolve("model.json").toFile());
  }

  @Test
  void sparseAndDenseEncodingsOfTheSameRowsGiveTheSameCoefficients() throws Exception {
    Path csv = generate("dense", "csv");
    Path svm = generate("sparse", "libsvm");
    double[] exact;
    {
      Dataset d = Generated.readCsvDir(csv);
      exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    }
    for (String standardize : List.of("true", "false")) {
      String[] rate = standardize.equals("true") ? new String[] {} : new String[] {"--learning-rate", "0.5"};
      List<String> extra = new ArrayList<>(List.of("--standardize", standardize));
      extra.addAll(List.of(rate));
      JsonNode dense = train(csv, tmp.resolve("m-dense-" + standardize), extra.toArray(new String[0]));
      JsonNode sparse = train(svm, tmp.resolve("m-sparse-" + standardize), extra.toArray(new String[0]));
      assertEquals("libsvm", sparse.get("format").asText());
      assertEquals(dense.get("featureNames"), sparse.get("featureNames"));
      assertEquals(3000, sparse.get("rows").asLong());
      double[] a = Generated.coefficientsAndIntercept(dense);
      double[] b = Generated.coefficientsAndIntercept(sparse);
      // the same rows, the same passes; only the rounding of the sparse standard deviations differs
      double diff = LeastSquares.relativeError(b, a);
      assertTrue(diff <= 1e-12, "standardize " + standardize + ": sparse vs dense " + diff);
      if (standardize.equals("true")) {
        assertTrue(LeastSquares.relativeError(a, exact) < 1e-8, "dense vs least squares");
      }
    }
  }

  @Test
  void numFeaturesWidensTheModelAndTheExtraFeatureGetsWeightZero() throws Exception {
    Path svm = generate("sparse", "libsvm");
    JsonNode m = train(svm, tmp.resolve("m"), "--num-features", "6", "--standardize", "false", "--epochs", "5",
        "--learning-rate", "0.5");
    assertEquals(6, m.get("coefficients").size());
    assertEquals("x6", m.get("featureNames").get(5).asText());
    assertEquals(0.0, m.get("coefficients").get(5).asDouble(), 0.0); // never seen: its gradient is exactly 0
  }

  private String fails(String text, String... extra) throws Exception {
    Path f = Files.writeString(tmp.resolve("bad.libsvm"), text);
    List<String> args = new ArrayList<>(List.of("--data", f.toString(), "--output", tmp.resolve("o").toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(2, run.code(), run.out() + run.err());
    String err = run.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("error: file:" + f + ":"), err);
    return err.substring(("error: file:" + f).length());
  }

  /** An index 0 without --zero-based: most often a file of scikit-learn's, and the error says so. */
  private static final String INDEX_ZERO = "index 0 is out of range; LIBSVM indices start at 1: if this file's "
      + "indices start at 0, pass --zero-based (scikit-learn's dump_svmlight_file writes zero-based indices unless "
      + "zero_based=False)";

  @Test
  void libsvmErrorsNameFileLineAndColumn() throws Exception {
    String good = "1 1:0.5 2:1\n2 2:3\n";
    assertEquals(":3:9: index 1 follows index 2; LIBSVM indices must be ascending (sort each line's features "
        + "by index)", fails(good + "3 2:0.5 1:1\n"));
    assertEquals(":3:9: index 3 is larger than --num-features 2; raise --num-features or fix the line",
        fails(good + "3 2:0.5 3:1\n", "--num-features", "2"));
    assertEquals(":4:3: " + INDEX_ZERO, fails(good + "\n3 0:1\n"));
    assertEquals(":2:3: expected index:value, found \"2;3\" (LIBSVM lines are: label index:value index:value ...)",
        fails("1 1:0.5 2:1\n2 2;3\n"));
  }

  @Test
  void commentLinesAreSkippedLikeBlankLinesAndStillCountForLineNumbers() throws Exception {
    String rows = "1.5 1:2 3:-0.5\n-2 2:1 4:7\n0.25 1:1 2:1 3:1 4:1\n3 4:-1\n";
    Path plain = Files.writeString(tmp.resolve("plain.libsvm"), rows);
    // the same rows under a comment line, with an indented comment (holding an index past the data's 4) between
    Path commented = Files.writeString(tmp.resolve("commented.libsvm"), "# generated by hand\n"
        + rows.replace("\n-2", "\n   # 9:1 is not a feature\n-2"));
    String[] settings = {"--standardize", "false", "--learning-rate", "0.05", "--epochs", "5", "--no-plots",
        "--no-spark-model"};
    JsonNode expected = train(plain, tmp.resolve("m-plain"), settings);
    JsonNode m = train(commented, tmp.resolve("m-commented"), settings);
    assertEquals(4, m.get("rows").asLong());
    assertEquals(expected.get("featureNames"), m.get("featureNames")); // x1..x4: the comment's 9:1 not counted
    // the comments move the byte-range splits, so rows meet in other partitions: equal to rounding
    double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(m),
        Generated.coefficientsAndIntercept(expected));
    assertTrue(diff <= 1e-12, "with comments vs without: " + diff);
    // a bad line after comments is named by its line in the file, comments included
    assertEquals(":3:3: " + INDEX_ZERO,
        fails("# a comment\n1 1:2\n2 0:1\n"));
  }

  @Test
  void anIndexTooLargeForTheDriverIsRefusedNamingItsLineBeforeAnythingThatWideIsAllocated() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      double x1 = (i % 10) / 10.0;
      double x2 = (i % 7) / 7.0;
      // line 701 has one mistyped index (the reviewer's huge.libsvm): it made the model 2e9 features wide
      text.append(i == 701 ? "1.0 1:0.5 2000000000:0.2" : (1 + 2 * x1 - x2) + " 1:" + x1 + " 2:" + x2).append('\n');
    }
    String err = fails(text.toString());
    assertTrue(err.startsWith(":701:11: index 2000000000 makes the model 2,000,000,000 features wide, more than "
        + "this driver can hold: at most "), err);
    assertTrue(err.contains("fix the line, or give --num-features with the data's true feature count"), err);

    // the fix it suggests: the true count, and the line skipped
    Path f = tmp.resolve("bad.libsvm");
    JsonNode m = train(f, tmp.resolve("m"), "--num-features", "2", "--on-bad-record", "skip", "--epochs", "3",
        "--no-plots", "--no-spark-model");
    assertEquals(1999, m.get("rows").asLong());
    assertEquals(1, m.get("skippedRecords").asLong());

    CliRun given = CliRun.of("--data", f.toString(), "--output", tmp.resolve("o").toString(), "--num-features",
        "2000000000");
    assertEquals(2, given.code(), given.err());
    assertTrue(given.err().strip().startsWith("error: --num-features 2000000000 is more features than this driver "
        + "can hold: at most "), given.err());
  }
}

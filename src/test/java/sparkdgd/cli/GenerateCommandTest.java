package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;

/** {@code generate}: the files it writes, their determinism, and that training recovers the truth. */
@Tag("spark")
class GenerateCommandTest {
  @TempDir
  Path tmp;

  private Path generate(String name, String... args) {
    Path out = tmp.resolve(name);
    String[] all = new String[args.length + 3];
    all[0] = "generate";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--output";
    all[args.length + 2] = out.toString();
    CliRun run = CliRun.of(all);
    assertEquals(0, run.code(), run.out() + run.err());
    return out;
  }

  private static double[] train(Path data, Path out, String... extra) throws Exception {
    String[] base = {"--data", data.toString(), "--output", out.toString(), "--epochs", "60", "--tol", "0"};
    String[] all = java.util.stream.Stream.concat(List.of(base).stream(), List.of(extra).stream())
        .toArray(String[]::new);
    CliRun run = CliRun.of(all);
    assertEquals(0, run.code(), run.out() + run.err());
    return Generated.coefficientsAndIntercept(new ObjectMapper().readTree(out.resolve("model.json").toFile()));
  }

  @Test
  void trainingOnGeneratedCsvAndParquetRecoversTheTruth() throws Exception {
    // independent U(0,1) features: standardised, the Hessian is close to 2I and the auto step
    // contracts the error by about 20x per epoch, so 60 epochs reach the least-squares answer
    String[] common = {"--rows", "6000", "--features", "3", "--coefficients", "1.5,-2,0.5", "--intercept", "3",
        "--noise", "0.1", "--seed", "11", "--partitions", "3"};
    Path csv = generate("csv", TestRuns.concat(common, "--format", "csv"));
    Path parquet = generate("parquet", TestRuns.concat(common, "--format", "parquet"));

    assertEquals(List.of("part-00000.csv", "part-00001.csv", "part-00002.csv"),
        Generated.parts(csv).stream().map(p -> p.getFileName().toString()).toList());
    Dataset d = Generated.readCsvDir(csv);
    assertEquals(6000, d.rows());
    assertEquals(List.of("x1", "x2", "x3"), d.featureNames());
    JsonNode truth = Generated.truth(csv);
    assertArrayEquals(new double[] {1.5, -2, 0.5, 3}, Generated.coefficientsAndIntercept(truth), 0.0);

    // the rows are the stated model: x in [0,1), and the noise has the stated size
    double[] truthCoef = {1.5, -2, 0.5, 3};
    double noiseVariance = d.mse(truthCoef);
    assertEquals(0.01, noiseVariance, 0.001, "mean squared noise, sigma^2 = 0.01 (sd of the estimate ~2e-4)");
    for (double[] row : d.x()) {
      for (double v : row) {
        assertTrue(v >= 0 && v < 1, "x in [0,1): " + v);
      }
    }

    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    // the least-squares estimate is near the truth: its standard error is about
    // 0.1 / (0.29 * sqrt(6000)) = 0.0045 per weight; 0.03 is more than six of them
    for (int j = 0; j < truthCoef.length; j++) {
      assertEquals(truthCoef[j], exact[j], 0.03, "coefficient " + j);
    }
    double[] fromCsv = train(csv, tmp.resolve("m-csv"));
    assertTrue(LeastSquares.relativeError(fromCsv, exact) < 1e-8,
        "csv: " + LeastSquares.relativeError(fromCsv, exact));
    // the Parquet files hold the same rows (same seed and partitions), so the same least-squares answer
    double[] fromParquet = train(parquet, tmp.resolve("m-parquet"));
    assertTrue(LeastSquares.relativeError(fromParquet, exact) < 1e-8,
        "parquet: " + LeastSquares.relativeError(fromParquet, exact));
  }

  /**
   * Logistic labels: 0 or 1, as many 1s as the model's probabilities on the written features make likely (checked
   * here from the files), the maximum-likelihood fit (Newton's method, here) near the truth, and train --loss
   * logistic at that fit.
   */
  @Test
  void logisticLabelsAreDrawnWithTheModelsProbabilityAndTrainingFindsTheirFit() throws Exception {
    double[] truth = {2, -1.5, 1, -0.5};
    CliRun run = CliRun.of("generate", "--rows", "20000", "--features", "3", "--coefficients", "2,-1.5,1",
        "--intercept", "-0.5", "--labels", "logistic", "--seed", "7", "--partitions", "2", "--output",
        tmp.resolve("binary").toString());
    assertEquals(0, run.code(), run.out() + run.err());
    Path out = tmp.resolve("binary");
    assertEquals("logistic", Generated.truth(out).get("labels").asText());
    assertArrayEquals(truth, Generated.coefficientsAndIntercept(Generated.truth(out)), 0.0);
    Dataset d = Generated.readCsvDir(out);
    long ones = 0;
    double expected = 0;
    double variance = 0;
    for (int i = 0; i < d.rows(); i++) {
      double y = d.y()[i];
      assertTrue(y == 0 || y == 1, "label " + y + " of row " + i);
      ones += (long) y;
      double margin = truth[3];
      for (int j = 0; j < 3; j++) {
        margin += truth[j] * d.x()[i][j];
      }
      double p = 1 / (1 + Math.exp(-margin));
      expected += p;
      variance += p * (1 - p);
    }
    assertEquals(expected, ones, 4 * Math.sqrt(variance), "1s against the sum of the model's probabilities");
    for (Path part : Generated.parts(out)) { // labels as classes: 0 or 1, not 0.0 or 1.0
      for (String line : Files.readAllLines(part).subList(1, 50)) {
        assertTrue(line.endsWith(",0") || line.endsWith(",1"), line);
      }
    }
    Path svm = generate("binary-svm", "--rows", "50", "--features", "3", "--labels", "logistic", "--format", "libsvm");
    for (String line : Files.readAllLines(Generated.parts(svm).get(0))) {
      assertTrue(line.startsWith("0 ") || line.startsWith("1 "), line);
    }
    assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "; %,d labelled 1 (%.1f%%)", ones,
        100.0 * ones / d.rows())), run.out());

    double[] mle = sparkdgd.testing.LogisticMle.fitWithIntercept(d.x(), d.y());
    // the fit's standard errors here are about 0.06-0.09 a coefficient: 0.4 is more than four of them
    for (int j = 0; j < truth.length; j++) {
      assertEquals(truth[j], mle[j], 0.4, "maximum-likelihood coefficient " + j);
    }
    double[] trained = train(out, tmp.resolve("m-logistic"), "--loss", "logistic", "--optimizer", "lbfgs",
        "--gradient-tol", "1e-10", "--no-plots");
    assertTrue(LeastSquares.relativeError(trained, mle) < 1e-6, "trained " + java.util.Arrays.toString(trained)
        + " against " + java.util.Arrays.toString(mle));
  }

  @Test
  void noiseIsRefusedWithLogisticLabels() {
    CliRun run = CliRun.of("generate", "--rows", "10", "--features", "2", "--labels", "logistic", "--noise", "0.5",
        "--output", tmp.resolve("x").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().startsWith("error: --noise is the Gaussian noise of linear labels; logistic labels are 1 "
        + "with probability 1 / (1 + exp(-(w.x + b)))"), run.err());
    run = CliRun.of("generate", "--rows", "10", "--features", "2", "--labels", "probit", "--output",
        tmp.resolve("x").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: --labels must be linear or logistic, got \"probit\" (see generate --help)", run.err().strip());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void theSameSeedWritesIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
    for (String format : List.of("csv", "libsvm", "parquet")) {
      String[] args = {"--rows", "500", "--features", "4", "--sparsity", "0.5", "--partitions", "2",
          "--format", format};
      Path a = generate(format + "-a", TestRuns.concat(args, "--seed", "5"));
      Path b = generate(format + "-b", TestRuns.concat(args, "--seed", "5"));
      Path c = generate(format + "-c", TestRuns.concat(args, "--seed", "6"));
      List<Path> pa = Generated.parts(a);
      assertEquals(2, pa.size(), format);
      assertEquals(names(pa), names(Generated.parts(b)));
      for (int i = 0; i < pa.size(); i++) {
        assertArrayEquals(Files.readAllBytes(pa.get(i)), Files.readAllBytes(Generated.parts(b).get(i)),
            format + " " + pa.get(i).getFileName());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(pa.get(i)),
            Files.readAllBytes(Generated.parts(c).get(i))), format + ": another seed, other data");
      }
      assertArrayEquals(Files.readAllBytes(a.resolve("_truth.json")), Files.readAllBytes(b.resolve("_truth.json")));
    }
  }

  @Test
  void theTutorialDataSetIsASpecialCase() throws Exception {
    // SampleData wrote tutorial.csv from Random(42) with 8 decimals; partition 0 draws from Random(seed)
    Path out = generate("tutorial", "--rows", "1000", "--features", "1", "--coefficients", "2", "--intercept", "0",
        "--noise", "0.1", "--seed", "42", "--partitions", "1");
    Dataset generated = Generated.readCsvDir(out);
    Dataset tutorial = Dataset.readCsv(Path.of("sample-data", "tutorial.csv"));
    assertEquals(tutorial.rows(), generated.rows());
    for (int i = 0; i < tutorial.rows(); i++) {
      assertEquals(tutorial.x()[i][0], generated.x()[i][0], 5.1e-9, "x of row " + i);
      assertEquals(tutorial.y()[i], generated.y()[i], 5.1e-9, "y of row " + i);
    }
  }

  @Test
  void libsvmHoldsOnlyTheNonZerosWithAscendingOneBasedIndices() throws Exception {
    Path out = generate("svm", "--rows", "300", "--features", "6", "--sparsity", "0.7", "--seed", "3",
        "--partitions", "1", "--format", "libsvm");
    List<String> lines = Files.readAllLines(Generated.parts(out).get(0));
    assertEquals(300, lines.size());
    long nonZeros = 0;
    for (String line : lines) {
      String[] tokens = line.split(" ");
      Double.parseDouble(tokens[0]);
      int last = 0;
      for (int t = 1; t < tokens.length; t++) {
        int index = Integer.parseInt(tokens[t].substring(0, tokens[t].indexOf(':')));
        assertTrue(index > last && index <= 6, line);
        assertTrue(Double.parseDouble(tokens[t].substring(tokens[t].indexOf(':') + 1)) != 0, line);
        last = index;
        nonZeros++;
      }
    }
    // 1800 entries, each non-zero with probability 0.3: 540 expected, sd 19
    assertEquals(540, nonZeros, 100);
  }

  @Test
  void helpExplainsEveryFlag() {
    CliRun run = CliRun.of("generate", "--help");
    assertEquals(0, run.code(), run.err());
    CommandLine.Model.CommandSpec spec = new CommandLine(new GenerateCommand(System.out, System.err)).getCommandSpec();
    assertTrue(spec.options().size() >= 14, "options: " + spec.options().size());
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      assertTrue(o.description().length > 0 && !o.description()[0].isBlank(), o.longestName() + " has no description");
      assertTrue(run.out().contains(o.longestName()), o.longestName() + " missing from\n" + run.out());
    }
    assertTrue(run.out().contains("generate --rows 1000 --features 1 --coefficients 2"), run.out());
  }

  @Test
  void badFlagsAreRejectedWithTheFlagNamed() {
    CliRun run = CliRun.of("generate", "--rows", "0", "--features", "2", "--output", tmp.resolve("x").toString());
    assertEquals(2, run.code());
    assertEquals("error: --rows must be >= 1, got 0 (see generate --help)", run.err().strip());
    run = CliRun.of("generate", "--rows", "10", "--features", "2", "--coefficients", "1,2,3", "--output",
        tmp.resolve("x").toString());
    assertEquals(2, run.code());
    assertEquals("error: --coefficients must give 2 numbers (one per feature), got 3 (see generate --help)", run.err().strip());
    run = CliRun.of("generate", "--rows", "10", "--features", "2", "--sparsity", "1", "--output",
        tmp.resolve("x").toString());
    assertEquals("error: --sparsity must be in [0, 1), got 1.0 (see generate --help)", run.err().strip());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void rowsMayBeWrittenInScientificNotationButMustBeWhole() throws Exception {
    Path out = generate("sci", "--rows", "1.25e3", "--features", "2", "--seed", "4", "--partitions", "2");
    assertEquals(1250, Generated.readCsvDir(out).rows(), "1.25e3 = 1250 rows over the part files");
    CliRun run = CliRun.of("generate", "--rows", "1.5e0", "--features", "2", "--output", tmp.resolve("y").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: Invalid value for option '--rows': expected a whole number such as 1000000 or 1e6, got "
        + "'1.5e0' (see generate --help)", run.err().strip());
    assertFalse(Files.exists(tmp.resolve("y")));
  }

  private static List<String> names(List<Path> paths) {
    return paths.stream().map(p -> p.getFileName().toString()).toList();
  }


  /** An --output under a file is refused with exit 2 before any row is generated. */
  @Test
  void anOutputUnderAFileIsRefusedBeforeGenerating() throws Exception {
    Path file = Files.writeString(tmp.resolve("tutorial.csv"), "x,y\n");
    Path out = file.resolve("g");
    CliRun run = CliRun.of("generate", "--rows", "100", "--features", "2", "--output", out.toString());
    assertEquals("error: --output " + out + " cannot be written: " + file + " is a file, not a directory; choose "
        + "another --output (see generate --help)", run.refusedInOneLine(out));
    assertEquals("", run.out());
    assertEquals("x,y\n", Files.readString(file));
    try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(file), s.toList(), "nothing written beside it");
    }
  }
}

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
    assertTrue(spec.options().size() >= 13, "options: " + spec.options().size());
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

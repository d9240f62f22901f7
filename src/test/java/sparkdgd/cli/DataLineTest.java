package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.ParquetFiles;

/**
 * The "Data:" line with a validation set: the training rows and the held-out ones, together the file's rows; the
 * "Label:" line after it, naming the label column and how it was chosen; the coefficient table of many features.
 */
@Tag("spark")
class DataLineTest {

  @Test
  void withAValidationSetTheDataLineCountsTrainingAndHeldOutRows(@TempDir Path tmp) throws Exception {
    Path csv = Path.of("sample-data/correlated.csv");
    long fileRows = Files.readAllLines(csv).size() - 1; // the header line
    CliRun run = CliRun.of("--data", csv.toString(), "--validation-fraction", "0.2", "--epochs", "1",
        "--partitions", "2", "--no-plots", "--no-spark-model", "--output", tmp.resolve("o").toString());
    assertEquals(0, run.code(), run.err());
    Matcher data = Pattern.compile("Data: ([\\d,]+) training rows \\(([\\d,]+) held out for validation\\) x 8 "
        + "features in 2 partitions, read and cached in ").matcher(run.out());
    assertTrue(data.find(), run.out());
    long training = Long.parseLong(data.group(1).replace(",", ""));
    long held = Long.parseLong(data.group(2).replace(",", ""));
    assertEquals(fileRows, training + held);
    assertTrue(held > 0.1 * fileRows && held < 0.3 * fileRows, "about a fifth held out: " + held);
    assertTrue(run.out().contains(String.format("On the %,d validation rows:", held)), run.out());
  }

  /** The line after the "Data:" line of a one-epoch run with these arguments. */
  private static String lineAfterData(Path tmp, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--epochs", "1", "--partitions", "2", "--no-plots", "--no-spark-model", "--overwrite",
        "--output", tmp.resolve("o").toString()));
    CliRun run = CliRun.of(all.toArray(new String[0]));
    assertEquals(0, run.code(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    int data = lines.indexOf(lines.stream().filter(l -> l.startsWith("Data: ")).findFirst().orElseThrow());
    return lines.get(data + 1);
  }

  /**
   * A feature whose name says it is the label (Y, target: a review's file headed Y,a,b,c trained on c as the label,
   * saying only "Label: c") is told, with the flag; not once --label-col names the label.
   */
  @Test
  void aFeatureNamedAsTheLabelIsToldWhenTheLastColumnIsTheLabel(@TempDir Path tmp) throws Exception {
    Path csv = Files.writeString(tmp.resolve("capital.csv"), "Y,a,b,c\n1,2,3,4\n2,3,5,7\n3,5,6,9\n4,4,8,8\n");
    String[] common = {"--data", csv.toString(), "--epochs", "1", "--no-plots", "--no-spark-model", "--overwrite",
        "--output", tmp.resolve("o").toString()};
    CliRun run = CliRun.of(common);
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("warning: the label is \"c\", the last column (no column is named y or label), and "
        + "\"Y\" is trained on as a feature, though its name says it is the label: if it is, pass --label-col Y\n"),
        run.err());
    CliRun named = CliRun.of(concat(common, "--label-col", "Y"));
    assertEquals(0, named.code(), named.err());
    assertFalse(named.err().contains("its name says it is the label"), named.err());
    Path target = Files.writeString(tmp.resolve("target.csv"), "Target,a,b\n1,2,3\n2,3,5\n3,5,6\n4,4,9\n");
    CliRun other = CliRun.of("--data", target.toString(), "--epochs", "1", "--no-plots", "--no-spark-model",
        "--overwrite", "--output", tmp.resolve("o2").toString());
    assertTrue(other.err().contains("\"Target\" is trained on as a feature, though its name says it is the label: if "
        + "it is, pass --label-col Target"), other.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void theLabelColumnIsNamedWithHowItWasChosen(@TempDir Path tmp) throws Exception {
    // no y, no label: the default is the last column, and "target" becomes a feature
    Path csv = Files.writeString(tmp.resolve("t.csv"), "target,x1,x2,x3\n1,2,3,4\n2,3,5,7\n3,5,6,9\n4,4,8,8\n");
    assertEquals("Label: x3 (the last column; --label-col to choose another)", lineAfterData(tmp, "--data",
        csv.toString()));
    assertEquals("Label: target (--label-col)", lineAfterData(tmp, "--data", csv.toString(), "--label-col",
        "target"));
    assertEquals("Label: y (the column named y; --label-col to choose another)", lineAfterData(tmp, "--data",
        "sample-data/tutorial.csv"));
    Path labelled = Files.writeString(tmp.resolve("l.csv"), "label,a,b\n1,2,3\n2,3,5\n3,5,6\n4,4,9\n");
    assertEquals("Label: label (the column named label; --label-col to choose another)", lineAfterData(tmp,
        "--data", labelled.toString()));
    Path noHeader = Files.writeString(tmp.resolve("n.csv"), "1,2,3\n2,3,5\n3,5,6\n4,4,9\n");
    assertEquals("Label: c3 (the last column; --label-col to choose another)", lineAfterData(tmp, "--data",
        noHeader.toString(), "--header", "false"));
    // Parquet: the last numeric column (of a file with a vector column, not necessarily the last)
    Path parquet = ParquetFiles.write(tmp, tmp.resolve("pq"), "t.parquet", ParquetFiles.doubles("target", "u", "v"),
        0, 6, i -> new Object[] {(double) i, (double) (i * i % 5), (double) (2 * i + i % 3)});
    assertEquals("Label: v (the last numeric column; --label-col to choose another)", lineAfterData(tmp, "--data",
        parquet.toString()));
    // LIBSVM: the label is each line's first field, as the format says; no line
    Path libsvm = Files.writeString(tmp.resolve("s.libsvm"), "1 1:1\n2 1:2\n3 2:1\n");
    String after = lineAfterData(tmp, "--data", libsvm.toString());
    assertFalse(after.startsWith("Label"), after);
  }

  @Test
  void aWideCsvPrintsTheLargestCoefficientsAndWhereAllAre(@TempDir Path tmp) throws Exception {
    // 30 features, x_j of row i = (i (j + 3) + j^2) mod 11 + 0.01 j (i mod 13), y = x1 + 3 x30: whatever two epochs
    // fit, the table holds 20 coefficients (CoefficientTableTest: the largest in magnitude), the intercept and the
    // count of the others
    StringBuilder text = new StringBuilder();
    for (int j = 1; j <= 30; j++) {
      text.append("x").append(j).append(',');
    }
    text.append("y\n");
    for (int i = 0; i < 200; i++) {
      double y = 0;
      for (int j = 1; j <= 30; j++) {
        double x = (i * (j + 3) + j * j) % 11 + 0.01 * j * (i % 13);
        text.append(String.format(Locale.ROOT, "%.4f,", x));
        y += (j == 30 ? 3 : j == 1 ? 1 : 0) * x;
      }
      text.append(String.format(Locale.ROOT, "%.4f%n", y));
    }
    Path csv = Files.writeString(tmp.resolve("wide.csv"), text);
    CliRun run = CliRun.of("--data", csv.toString(), "--epochs", "2", "--partitions", "2", "--no-plots",
        "--output", tmp.resolve("o").toString());
    assertEquals(0, run.code(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    int header = lines.indexOf("  feature    coefficient (the 20 largest in magnitude of 30, largest first)");
    assertTrue(header >= 0, run.out());
    assertTrue(lines.get(header + 21).startsWith("  intercept  "), run.out());
    assertEquals("  (10 more coefficients not shown: all 30 are in model.json and spark-model/)",
        lines.get(header + 22));
    assertTrue(lines.get(header + 23).startsWith("On the training data: "), run.out());
  }
}

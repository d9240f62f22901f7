package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.ParquetFiles;
import sparkdgd.testing.XzFile;

/**
 * Common wrong inputs get an error that names the place and the fix, in one line with exit code 2, where before
 * the message described a bad value: a CSV file read as LIBSVM, a decimal comma, an xz file, a Parquet label of text.
 */
@Tag("spark")
class WrongInputHintsTest {
  @TempDir
  Path tmp;

  private String refused(String... args) {
    Path out = tmp.resolve("out");
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--output";
    all[args.length + 1] = out.toString();
    return CliRun.of(all).refusedInOneLine(out);
  }

  /** Was: "label: expected a number, found "1.0,2.0,3.0" (fix or delete the line)". */
  @Test
  void aCsvFileReadAsLibsvmIsToldItsFormat() throws Exception {
    Path f = Files.writeString(tmp.resolve("rows.libsvm"), "1.0,2.0,3.0\n2.0,3.0,5.0\n");
    assertEquals("error: file:" + f.toUri().getPath() + ":1:1: the line looks like CSV "
        + "(1.0,2.0,3.0: values separated by commas), not LIBSVM (label index:value ...); pass --format csv (with "
        + "--header false if the file has no header line)", refused("--data", f.toString(), "--partitions", "1"));
  }

  /** Was: "column "x": expected a number, found "1,5" (fix or delete the row, or leave the column out ...)". */
  @Test
  void aDecimalCommaIsToldAsOneInTrainingAndScoring() throws Exception {
    Path f = Files.writeString(tmp.resolve("de.csv"), "x;y\n1,5;2,25\n");
    assertTrue(refused("--data", f.toString(), "--delimiter", ";").endsWith(":2:1: column \"x\": expected a number, "
        + "found \"1,5\", which has a decimal comma; only '.' is accepted as the decimal point: write 1.5 (export the "
        + "file with '.' decimals)"));
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x\"], \"coefficients\": [2.0], "
        + "\"intercept\": 0.5, \"labelName\": \"y\"}");
    String scoring = refused("predict", "--model", model.toString(), "--data", f.toString(), "--delimiter", ";");
    assertTrue(scoring.contains("de.csv:2") && scoring.contains("found \"1,5\", which has a decimal comma; only '.' is "
        + "accepted as the decimal point: write 1.5"), scoring);
  }

  /** Was, with --format csv: "the first line is not text, as a CSV file's is (...)"; without: "cannot tell the format
   *  from the file name". */
  @Test
  void anXzFileIsRefusedWithTheFix() throws Exception {
    Path f = Files.write(tmp.resolve("rows.csv.xz"), XzFile.bytes());
    String expected = "error: file:" + f.toUri().getPath() + ": compressed with xz, for which Hadoop has no codec (it "
        + "would be read as binary text); decompress it (xz -d) or compress it with gzip or bzip2";
    assertEquals(expected + ", or pass --on-bad-record skip", refused("--data", f.toString()));
    assertEquals(expected + ", or pass --on-bad-record skip", refused("--data", f.toString(), "--format", "csv"));
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x\"], \"coefficients\": [2.0], "
        + "\"intercept\": 0.5, \"labelName\": \"y\"}");
    assertEquals(expected, refused("predict", "--model", model.toString(), "--data", f.toString()));
  }

  /** Was: "DIR: label column "y" is not numeric; pass --label-col with a numeric column" (no file, no type). */
  @Test
  void aParquetLabelOfTextNamesTheFileTheColumnAndItsType() throws Exception {
    StructType schema = new StructType().add("a", DataTypes.DoubleType, false).add("y", DataTypes.StringType, false);
    Path f = ParquetFiles.write(tmp, tmp.resolve("data"), "p.parquet", schema, 0, 5,
        i -> new Object[] {(double) i, i % 2 == 0 ? "yes" : "no"});
    String expected = "error: file:" + f.toUri().getPath() + ": label column \"y\" has type string, not a number type; "
        + "a label must be numeric: write it as numbers (e.g. cast it to double; for --loss logistic, classes as 0 and "
        + "1), or pass --label-col with a numeric column (one of [a])";
    assertEquals(expected, refused("--data", f.toString()));
    assertEquals(expected, refused("--data", tmp.resolve("data").toString()), "the file, not only the directory");
    assertEquals(expected, refused("--data", f.toString(), "--label-col", "y"));
  }
}

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Data:" line with a validation set: the training rows and the held-out ones, together the file's rows. */
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
}

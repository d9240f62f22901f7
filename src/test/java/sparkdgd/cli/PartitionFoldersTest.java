package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data split into folders by a column, as Spark's partitionBy writes it (grp=0/, grp=1/): the column is in the folder
 * names, not in the files, and only the files' columns are read. It was left out without a word, and --features
 * naming it said only that it was not among the columns (a review's finding).
 */
class PartitionFoldersTest {
  @TempDir
  Path tmp;

  @Test
  void aColumnInTheFolderNamesIsNamedAsNotReadAndWhy() throws Exception {
    Path data = tmp.resolve("data");
    for (int g = 0; g < 2; g++) {
      StringBuilder rows = new StringBuilder("a,y\n");
      for (int i = 0; i < 20; i++) {
        rows.append(i).append(',').append(2 * i + g).append('\n');
      }
      Files.writeString(Files.createDirectories(data.resolve("grp=" + g)).resolve("part.csv"), rows);
    }
    CliRun run = CliRun.of("--data", data.toString(), "--epochs", "2", "--no-plots", "--no-spark-model", "--output",
        tmp.resolve("out").toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("Not read: grp (in the folder names, grp=0/...: Spark's partitioning; only the "
        + "files' own columns are read)\n"), run.out());

    CliRun named = CliRun.of("--data", data.toString(), "--features", "a,grp", "--output",
        tmp.resolve("out2").toString());
    assertEquals(2, named.code(), named.err());
    assertTrue(named.err().contains("feature column \"grp\" (from --features) is not among the columns [a, y]; \"grp\" "
        + "is in the folder names (grp=0/...): Spark's partitioning, while only the files' own columns are read"),
        named.err());
  }
}

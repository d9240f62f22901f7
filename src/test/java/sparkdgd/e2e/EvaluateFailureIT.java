package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} over files one of which is bad, as a user runs it: the bad file fails the pass at once while the
 * other files' tasks still run. The command waits for them before the session closes, so none of them logs an
 * error of its own (its broadcast gone, "ERROR TaskContextImpl ...") after the one line the command prints: that
 * happened in about half of the runs, so three runs here. In a separate process, since only a closing session
 * shows it.
 */
class EvaluateFailureIT {
  @TempDir
  Path tmp;

  @Test
  void aFailedPassPrintsOnlyItsOwnErrorLine() throws Exception {
    Path model = Submit.modelOfAB(tmp.resolve("model"));
    Path data = Files.createDirectories(tmp.resolve("data"));
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 11).append('\n');
    }
    for (String f : new String[] {"a", "c", "d"}) {
      Files.writeString(data.resolve(f + ".csv"), "a,b,y\n" + rows);
    }
    Files.writeString(data.resolve("b.csv"), "y,b,a\n1,2,3\n");
    for (int run = 0; run < 3; run++) {
      Submit.Result r = Submit.run(tmp, "--master", "local[2]", "evaluate", "--model", model.toString(), "--data",
          data.toString());
      assertEquals(2, r.code(), r.both());
      String err = r.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("",
          (a, b) -> a + b + "\n").strip();
      assertEquals(1, err.lines().count(), "one line, run " + run + ":\n" + err);
      assertTrue(err.contains("differs from the header \"a,b,y\" of the first file, "), err);
    }
  }
}

package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM while predict writes its output, as a user's Ctrl-C or a scheduler's kill sends it: the notice says the
 * output is left as it was, and nothing is left beside it. The hidden staging directory Spark was writing into had
 * stayed there for the user to delete ({@code sparkdgd.output.HiddenSibling}).
 */
class InterruptedScoringIT {
  @TempDir
  Path tmp;

  @Test
  void aSignalWhileScoringLeavesNeitherOutputNorStagingDirectory() throws Exception {
    Path model = Submit.modelOfAB(tmp.resolve("model"));
    Path data = Files.createDirectories(tmp.resolve("data"));
    StringBuilder rows = new StringBuilder("a,b\n");
    for (int i = 0; i < 3_000_000; i++) {
      rows.append(i % 7).append(',').append(i % 5).append('\n');
    }
    for (String f : new String[] {"a", "b", "c", "d"}) {
      Files.writeString(data.resolve(f + ".csv"), rows);
    }
    Path scored = tmp.resolve("scored");
    Submit.Running run = Submit.start(tmp, "--master", "local[2]", "predict", "--model", model.toString(), "--data",
        data.toString(), "--output", scored.toString());
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (leftBeside(scored).isEmpty()) {
      assertTrue(run.process.isAlive(), "predict ended before its staging directory appeared:\n" + run.lines + "\n"
          + run.err());
      assertTrue(System.nanoTime() < deadline, "no staging directory within 180 s:\n" + run.lines);
      Thread.sleep(20);
    }
    Thread.sleep(2000); // the tasks are writing their part files: a signal then had left the staging directory
    List<String> staging = leftBeside(scored);
    run.process.destroy(); // SIGTERM
    assertEquals(143, run.waitFor(60), "the JVM's exit code for SIGTERM:\n" + run.lines + "\n" + run.err());
    String err = run.err();
    assertTrue(err.contains("interrupted before the command finished: --output is left as it was\n"), err);
    assertFalse(err.contains("could not delete"), err);
    assertEquals(List.of(), leftBeside(scored), "was " + staging + "; stderr:\n" + err);
    assertFalse(Files.exists(scored), "no output");
  }

  /** The hidden files and directories beside {@code target} that its writes name after it. */
  private static List<String> leftBeside(Path target) throws IOException {
    try (Stream<Path> beside = Files.list(target.getParent())) {
      return beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + target.getFileName() + "."))
          .toList();
    }
  }
}

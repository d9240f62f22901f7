package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of many short passes as jobs on a local master names --resident-tasks; others do not. */
@Tag("spark")
class ResidentTasksHintTest {
  @Test
  void manyEpochsOfSmallJobPassesOnALocalMasterGetTheHintWithTheirMeanTime() {
    // the README's example: 2,000 iterations of a 0.05 batch of correlated.csv's 4,000 rows x 8 features
    Optional<String> hint = ResidentTasksHint.of(false, true, 2000, 30.8, 200, 8);
    assertTrue(hint.isPresent());
    assertTrue(hint.get().contains("the 2,000 epochs took 15.4 ms each"), hint.get());
    assertTrue(hint.get().contains("a job per pass over 200 rows; --resident-tasks"), hint.get());
  }

  @Test
  void noHintWithResidentTasksOnAClusterForFewEpochsOrForPassesWithRealWork() {
    assertEquals(Optional.empty(), ResidentTasksHint.of(true, true, 2000, 30.8, 200, 8));
    assertEquals(Optional.empty(), ResidentTasksHint.of(false, false, 2000, 30.8, 200, 8));
    assertEquals(Optional.empty(), ResidentTasksHint.of(false, true, 99, 2, 200, 8));
    // a million values a pass is the edge: 1e7 rows x 10 features is an epoch's real work
    assertTrue(ResidentTasksHint.of(false, true, 100, 2, 1e5, 9).isPresent());
    assertEquals(Optional.empty(), ResidentTasksHint.of(false, true, 100, 2, 1e5 + 1, 9));
    assertEquals(Optional.empty(), ResidentTasksHint.of(false, true, 500, 60, 1e7, 10));
  }

  @Test
  void aTrainingRunPrintsItOnlyWhenItsPassesWereJobs(@TempDir Path tmp) {
    String[] run = {"--data", "sample-data/tutorial.csv", "--standardize", "false", "--learning-rate", "0.01",
        "--epochs", "100", "--tol", "0", "--log-every", "1000", "--progress-seconds", "0", "--no-plots"};
    CliRun jobs = CliRun.of(TestRuns.concat(run, "--output", tmp.resolve("jobs").toString()));
    assertEquals(0, jobs.code(), jobs.err());
    // 1,000 rows of one feature: a pass is a job's scheduling and little else
    assertTrue(jobs.out().contains("Hint: the 100 epochs took "), jobs.out());
    assertTrue(jobs.out().contains(" ms each, most of it Spark's scheduling of a job per pass over 1,000 rows"),
        jobs.out());
    CliRun resident =
        CliRun.of(TestRuns.concat(run, "--output", tmp.resolve("resident").toString(), "--resident-tasks"));
    assertEquals(0, resident.code(), resident.err());
    assertFalse(resident.out().contains("Hint: "), resident.out());
  }
}

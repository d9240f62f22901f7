package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's FileNotFoundException for a local file the driver sees is the executors' view of a driver-local path:
 * told as such. Anything else (a file gone for the driver too, a file of a shared file system, another failure) is not.
 */
class UnsharedFileTest {
  private static final Configuration CONF = new Configuration();

  /** The job's exception as Spark builds it: the task's exception quoted in the message and, when sent, the cause. */
  private static SparkException aborted(String file, boolean withCause) {
    String task = "File " + file + " does not exist";
    return new SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, most recent "
        + "failure: Lost task 0.3 in stage 0.0 (TID 3) (10.0.0.7 executor 1): java.io.FileNotFoundException: " + task
        + "\n\tat org.apache.hadoop.fs.RawLocalFileSystem.deprecatedGetFileStatus(RawLocalFileSystem.java:917)",
        withCause ? new FileNotFoundException(task) : null);
  }

  @Test
  void aLocalFileTheDriverSeesIsNamedWithTheFix(@TempDir Path tmp) throws Exception {
    String file = "file:" + Files.writeString(tmp.resolve("corr.csv"), "a,y\n1,2\n");
    for (boolean withCause : new boolean[] {true, false}) {
      InputError e = UnsharedFile.of(CONF, aborted(file, withCause));
      assertEquals(file + ": the executors cannot find this file, which the driver can read: a file the tasks read "
          + "must be visible to every executor, on a shared file system (hdfs://, s3a://, or the same path mounted "
          + "on every worker)", e.getMessage());
    }
    // Java's own message for a file it cannot open, a path without a scheme
    String plain = tmp.resolve("corr.csv").toString();
    assertEquals(plain, UnsharedFile.missingFile(new FileNotFoundException(plain + " (No such file or directory)")));
  }

  @Test
  void otherFailuresAreLeftAlone(@TempDir Path tmp) {
    // gone for the driver too: deleted, not a matter of hosts
    assertNull(UnsharedFile.of(CONF, aborted("file:" + tmp.resolve("deleted.csv"), true)));
    // no FileNotFoundException at all
    assertNull(UnsharedFile.of(CONF, new SparkException("Job aborted due to stage failure: "
        + "java.lang.IllegalStateException: boom", new IllegalStateException("boom"))));
    // a FileNotFoundException whose message names no file
    assertNull(UnsharedFile.missingFile(new FileNotFoundException("no such thing")));
  }
}

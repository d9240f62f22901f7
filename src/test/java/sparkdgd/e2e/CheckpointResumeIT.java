package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the driver process, then --resume: the same coefficients, bit for bit; and a SIGTERM, whose run writes
 * its last epoch as a checkpoint on the way out and says so, and resumes from it to the same bits.
 */
@Tag("cluster")
class CheckpointResumeIT {

  private static String[] args(Path output, Path checkpoints, int partitions, String... extra) {
    return args(output, checkpoints, 5, partitions, extra);
  }

  private static String[] args(Path output, Path checkpoints, int every, int partitions, String... extra) {
    List<String> a = new java.util.ArrayList<>(List.of("--master", "local[2]", "--data", Submit.data("correlated.csv"),
        "--partitions", String.valueOf(partitions), "--epochs", "60", "--tol", "0", "--output", output.toString()));
    a.addAll(Submit.COEFFICIENTS_ONLY);
    if (checkpoints != null) {
      a.addAll(List.of("--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", String.valueOf(every)));
    }
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void killedDriverResumesToBitIdenticalCoefficients(@TempDir Path tmp) throws Exception {
    Path whole = tmp.resolve("whole");
    Submit.Result w = Submit.run(tmp, args(whole, null, 3));
    assertEquals(0, w.code(), w.both());

    Path out = tmp.resolve("out");
    Path ckpt = tmp.resolve("ckpt");
    Submit.Running run = Submit.start(tmp, args(out, ckpt, 3, "--log-every", "1", "--progress-seconds", "0"));
    run.awaitLine(line -> line.startsWith("Epoch 23:"), 240);
    run.process.destroyForcibly(); // SIGKILL: submit.sh exec'd the driver JVM
    assertNotEquals(0, run.waitFor(30));
    assertFalse(Files.exists(out), "a killed run leaves no output directory");

    Submit.Result resumed = Submit.run(tmp, args(out, ckpt, 3, "--resume"));
    assertEquals(0, resumed.code(), resumed.both());
    Matcher m = Pattern.compile("Resumed from the checkpoint after epoch (\\d+)").matcher(resumed.out());
    assertTrue(m.find(), resumed.out());
    int from = Integer.parseInt(m.group(1));
    assertTrue(from >= 20 && from % 5 == 0, "resumed after epoch " + from);
    assertArrayEquals(Submit.coefficients(whole), Submit.coefficients(out), 0.0);
    assertEquals(60, Submit.model(out).get("epochs").asInt());
    assertEquals(61, Files.readAllLines(out.resolve("history.csv")).size());

    Submit.Result refused = Submit.run(tmp, args(tmp.resolve("other"), ckpt, 4, "--resume"));
    assertEquals(2, refused.code(), refused.both());
    assertTrue(refused.err().contains("was taken with other data or settings (--partitions (or, without it, the count "
        + "chosen from the input and the master's cores): checkpoint 3, now 4)"),
        refused.err());
  }

  @Test
  void signalledRunWritesItsLastEpochOnTheWayOutAndResumesFromItToTheSameBits(@TempDir Path tmp) throws Exception {
    Path whole = tmp.resolve("whole");
    Submit.Result w = Submit.run(tmp, args(whole, null, 2));
    assertEquals(0, w.code(), w.both());

    Path out = tmp.resolve("out");
    Path ckpt = tmp.resolve("ckpt");
    // one checkpoint due every 50 epochs: none before the signal
    Submit.Running run = Submit.start(tmp, args(out, ckpt, 50, 2, "--log-every", "1", "--progress-seconds", "0"));
    run.awaitLine(line -> line.startsWith("Epoch 12:"), 240);
    run.process.destroy(); // SIGTERM, as a scheduler or kill sends it
    assertEquals(143, run.waitFor(60), "the JVM's exit code for SIGTERM");
    String err = run.err();
    Matcher notice = Pattern.compile("interrupted after epoch (\\d+): the newest checkpoint \\(epoch (\\d+), written "
        + "on the way out\\) is in " + Pattern.quote(ckpt.toString()) + ": run the same command with --resume to go on "
        + "from it").matcher(err);
    assertTrue(notice.find(), err);
    int last = Integer.parseInt(notice.group(1));
    int written = Integer.parseInt(notice.group(2));
    assertTrue(err.contains("stopping: writing the state after epoch " + written + " to a checkpoint in " + ckpt + "\n"
        + "interrupted after epoch"), "a line before the write:\n" + err);
    // the signal may land between an epoch's progress line and its state reaching the checkpoints
    assertTrue(written >= 11 && (written == last || written == last - 1) && last < 50,
        "after epoch " + last + ", written " + written);
    assertEquals(written == last - 1, err.contains("go on from it (epoch " + last + " runs again)"), err);
    assertTrue(Files.exists(ckpt.resolve(String.format("checkpoint-%06d.ckpt", written))), "the checkpoint file");
    assertFalse(err.contains("Exception"), "none of Spark's shutdown stack traces:\n" + err);
    assertFalse(Files.exists(out), "a stopped run leaves no output directory");

    Submit.Result resumed = Submit.run(tmp, args(out, ckpt, 50, 2, "--resume"));
    assertEquals(0, resumed.code(), resumed.both());
    assertTrue(resumed.out().contains("Resumed from the checkpoint after epoch " + written + ":"), resumed.out());
    assertArrayEquals(Submit.coefficients(whole), Submit.coefficients(out), 0.0);
  }

  @Test
  void signalledRunWritesItsLastEpochToHdfsBeforeTheFileSystemsClose(@TempDir Path tmp) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      String ckpt = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/ckpt";
      Path out = tmp.resolve("out");
      Submit.Running run = Submit.start(tmp, args(out, null, 2, "--checkpoint-dir", ckpt, "--checkpoint-every", "50",
          "--log-every", "1", "--progress-seconds", "0"));
      run.awaitLine(line -> line.startsWith("Epoch 12:"), 240);
      run.process.destroy();
      assertEquals(143, run.waitFor(60), "the JVM's exit code for SIGTERM");
      String err = run.err();
      Matcher notice = Pattern.compile("the newest checkpoint \\(epoch (\\d+), written on the way out\\) is in "
          + Pattern.quote(ckpt)).matcher(err);
      assertTrue(notice.find(), err);
      int written = Integer.parseInt(notice.group(1));
      assertTrue(hdfs.getFileSystem().exists(new org.apache.hadoop.fs.Path(
          String.format("/ckpt/checkpoint-%06d.ckpt", written))), "the checkpoint file in HDFS");

      Submit.Result resumed = Submit.run(tmp, args(out, null, 2, "--checkpoint-dir", ckpt, "--checkpoint-every", "50",
          "--resume"));
      assertEquals(0, resumed.code(), resumed.both());
      assertTrue(resumed.out().contains("Resumed from the checkpoint after epoch " + written + ":"), resumed.out());
    } finally {
      hdfs.shutdown();
    }
  }
}

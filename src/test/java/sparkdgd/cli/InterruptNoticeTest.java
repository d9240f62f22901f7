package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.Checkpointing;
import sparkdgd.output.HiddenSibling;

/** The notice a signal leaves, in each state of a run (the signal itself: CheckpointResumeIT). */
class InterruptNoticeTest {
  private static final Checkpointing EVERY_5 = new Checkpointing("/ck", 5, false);

  private static ConsoleProgress.Stopped reached(int lastEpoch, int newestCheckpoint) {
    return new ConsoleProgress.Stopped(lastEpoch, newestCheckpoint, false, null);
  }

  @Test
  void namesTheNewestCheckpointAndHowToGoOn() {
    assertEquals("interrupted after epoch 17: the newest checkpoint (epoch 15) is in /ck: run the same command with "
        + "--resume to go on from it (epochs 16-17 run again)", InterruptNotice.message(reached(17, 15), EVERY_5,
            false));
    assertEquals("interrupted before the first epoch: the newest checkpoint (epoch 40) is in /ck: run the same "
        + "command with --resume to go on from it", InterruptNotice.message(reached(0, 40), EVERY_5, false));
  }

  @Test
  void saysTheNewestCheckpointWasWrittenOnTheWayOut() {
    assertEquals("interrupted after epoch 17: the newest checkpoint (epoch 17, written on the way out) is in /ck: run "
        + "the same command with --resume to go on from it",
        InterruptNotice.message(new ConsoleProgress.Stopped(17, 17, true, null), EVERY_5, false));
    // the signal came after epoch 673 was reported, before its state reached the checkpoints: seen as "after epoch
    // 673 ... (epoch 672, written on the way out)", which read as if 673 were saved
    assertEquals("interrupted after epoch 673: the newest checkpoint (epoch 672, written on the way out) is in /ck: "
        + "run the same command with --resume to go on from it (epoch 673 runs again)",
        InterruptNotice.message(new ConsoleProgress.Stopped(673, 672, true, null), EVERY_5, false));
  }

  @Test
  void saysWhyTheNewestEpochCouldNotBeWrittenAndWhatCanBeResumed() {
    assertEquals("interrupted after epoch 17: its checkpoint could not be written on the way out (cannot write a "
        + "checkpoint to /ck: Filesystem closed); the newest checkpoint (epoch 15) is in /ck: run the same command "
        + "with --resume to go on from it (epochs 16-17 run again)", InterruptNotice.message(new ConsoleProgress.Stopped(17, 15, false,
            "cannot write a checkpoint to /ck: Filesystem closed"), EVERY_5, false));
    assertEquals("interrupted after epoch 3: its checkpoint could not be written on the way out (disk full); no "
        + "checkpoint yet (one every 5 epochs, --checkpoint-every), so the next run starts over",
        InterruptNotice.message(new ConsoleProgress.Stopped(3, 0, false, "disk full"), EVERY_5, false));
  }

  /**
   * Stopped while a --resume run loaded its data, before it read the checkpoints: they were told "no checkpoint yet
   * ..., so the next run starts over" (a review's run with checkpoint-000020.ckpt in the directory); the run has not
   * looked, so the notice says what holds either way (a second review: the directory may not exist).
   */
  @Test
  void beforeAResumeReadTheCheckpointsSaysTheyAreAsTheyWere() {
    assertEquals("interrupted before the first epoch: this run had not yet read /ck, which is as it was: the same "
        + "command goes on from its newest checkpoint (or starts over if it holds none)",
        InterruptNotice.message(reached(0, 0), new Checkpointing("/ck", 5, true), false));
  }

  @Test
  void saysWhenNothingCanBeResumed() {
    assertEquals("interrupted after epoch 3: no checkpoint yet (one every 5 epochs, --checkpoint-every), so the next "
        + "run starts over", InterruptNotice.message(reached(3, 0), EVERY_5, false));
    assertEquals("interrupted after epoch 3: nothing was saved; a run with --checkpoint-dir DIR can be continued by "
        + "--resume after an interruption", InterruptNotice.message(reached(3, 0), Checkpointing.NONE, false));
  }

  @Test
  void whileWritingTheOutputsSaysNothingWasWrittenThere() {
    assertEquals("interrupted after training, while writing --output, which is left as it was: nothing was saved; a "
        + "run with --checkpoint-dir DIR can be continued by --resume after an interruption",
        InterruptNotice.message(reached(60, 0), Checkpointing.NONE, true));
  }

  @Test
  void onceTheNoticeIsOutTheOutputsAreNotStarted() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (InterruptNotice notice = InterruptNotice.forCommand(new java.io.PrintStream(bytes, true,
        java.nio.charset.StandardCharsets.UTF_8), true)) {
      notice.stop();
      IllegalStateException e = assertThrows(IllegalStateException.class, notice::writing);
      assertEquals("a signal stopped the run before its outputs were written", e.getMessage());
    }
    assertEquals("interrupted before the command finished: --output is left as it was\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A signal while the output is being put in place (on S3 a move of many seconds) does not say it is left as it was:
   * the way out waits for the move, whose "Wrote" line followed the notice's "left as it was" in a user review.
   */
  @Test
  void whileTheOutputIsPutInPlaceSaysItMayBeWholeOrMarked(@TempDir java.nio.file.Path tmp) throws Exception {
    java.util.concurrent.CountDownLatch renaming = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    org.apache.hadoop.fs.RawLocalFileSystem fs = new org.apache.hadoop.fs.RawLocalFileSystem() {
      @Override
      public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
        renaming.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
        return super.rename(src, dst);
      }
    };
    fs.initialize(java.net.URI.create("file:///"), new org.apache.hadoop.conf.Configuration());
    HiddenSibling sibling = HiddenSibling.of(fs, new org.apache.hadoop.fs.Path(tmp.resolve("out").toUri()), "staging");
    fs.mkdirs(sibling.path());
    Thread mover = new Thread(() -> {
      try {
        sibling.replaceTarget();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    mover.start();
    renaming.await();
    String during = notice();
    release.countDown();
    mover.join();
    sibling.close();
    assertEquals("interrupted before the command finished: --output is being put in its place: whole if that ends on "
        + "the way out, else as it was, or, where files move in one by one (s3a://), marked _UNFINISHED (then write it "
        + "again)\n", during);
    assertEquals("interrupted before the command finished: --output is left as it was\n", notice());
  }

  /**
   * A signal before the output is put in place: the notice says it is left as it was, and the main thread, which goes
   * on while the JVM shuts down, may not put it in place after that (a review: on S3 the old files were then deleted
   * and the move cut short by the way out, under a notice saying "left as it was").
   */
  @Test
  void anOutputNotYetBeingPutInPlaceIsNotPutInPlaceAfterTheNotice(@TempDir java.nio.file.Path tmp) throws Exception {
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(
        new org.apache.hadoop.conf.Configuration());
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(tmp.resolve("out").toUri());
    HiddenSibling sibling = HiddenSibling.of(fs, target, "staging");
    fs.mkdirs(sibling.path());
    assertEquals("interrupted before the command finished: --output is left as it was\n", notice());
    IOException refused = assertThrows(IOException.class, sibling::replaceTarget);
    assertTrue(refused.getMessage().contains("is left as it was"), refused.getMessage());
    assertTrue(!fs.exists(target), "not put in place after the notice");
    sibling.close();
    assertTrue(!fs.exists(sibling.path()), "what was written is deleted, as an unfinished write's is (a review: the "
        + "notice's refusal had kept close() from deleting it, and left it beside the output)");
  }

  private static String notice() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (InterruptNotice notice = InterruptNotice.forCommand(new java.io.PrintStream(bytes, true,
        java.nio.charset.StandardCharsets.UTF_8), true)) {
      notice.stop();
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkdgd.config.Checkpointing;

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
}

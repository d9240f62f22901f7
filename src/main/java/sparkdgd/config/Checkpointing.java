package sparkdgd.config;

/**
 * Where and how often the driver checkpoints, and whether to resume.
 *
 * @param dir    checkpoint directory URI, or null for no checkpoints
 * @param every  checkpoint every this many epochs
 * @param resume continue from the newest intact checkpoint in {@code dir}
 */
public record Checkpointing(String dir, int every, boolean resume) {
  public static final Checkpointing NONE = new Checkpointing(null, 10, false);

  public Checkpointing {
    Checks.arg(every >= 1, "--checkpoint-every must be >= 1, got %d", every);
    Checks.arg(!resume || dir != null, "--resume needs --checkpoint-dir (where the checkpoints are)");
  }

  public boolean enabled() {
    return dir != null;
  }
}

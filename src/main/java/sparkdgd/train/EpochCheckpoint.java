package sparkdgd.train;

/**
 * The state after one epoch, as {@code --checkpoint-dir} can hold it: written when its epoch is due
 * ({@code --checkpoint-every}), or at once when a signal is ending the run.
 */
public interface EpochCheckpoint {
  /** The epochs the state has done. */
  int epoch();

  /** Writes it if its epoch is due; whether it did. */
  boolean saveIfDue();

  /** Writes it whatever its epoch. */
  void save();
}

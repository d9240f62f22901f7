package sparkdgd.train;

/** Told the state after every epoch, and after the last; decides itself whether to persist it. */
@FunctionalInterface
public interface Checkpointer {
  void epochDone(TrainingState state);

  /**
   * {@code --epochs} ended the run after {@code state}'s epoch (after {@link #epochDone} for it): persist it whatever
   * the schedule, so that {@code --resume} with more {@code --epochs} goes on from there. Not called for a run a
   * stopping rule ended: resumed from its last scheduled checkpoint it stops where it did.
   */
  default void runEnded(TrainingState state) {}

  Checkpointer NONE = state -> {};
}

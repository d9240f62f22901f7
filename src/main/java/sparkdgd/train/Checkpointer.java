package sparkdgd.train;

/** Told the state after every epoch, and after the last; decides itself whether to persist it. */
@FunctionalInterface
public interface Checkpointer {
  void epochDone(TrainingState state);

  /**
   * The run ended after {@code state}'s epoch, by {@code --epochs} or a stopping rule (after {@link #epochDone} for
   * it): persist it whatever the schedule, so that {@code --resume} with more {@code --epochs} goes on from there.
   */
  default void runEnded(TrainingState state) {}

  Checkpointer NONE = state -> {};
}

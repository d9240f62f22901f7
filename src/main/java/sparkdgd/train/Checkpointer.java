package sparkdgd.train;

/** Told the state after every epoch; decides itself whether to persist it. */
@FunctionalInterface
public interface Checkpointer {
  void epochDone(TrainingState state);

  Checkpointer NONE = state -> {};
}

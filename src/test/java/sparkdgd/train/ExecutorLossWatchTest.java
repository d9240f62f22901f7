package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.junit.jupiter.api.Test;
import sparkdgd.testing.SparkTestSession;

/**
 * An executor removed while the run trains is told once, with Spark's reason, until the watch is closed; the cluster
 * test (StandaloneClusterIT) kills a real one. Here the event goes through Spark's own listener bus.
 */
class ExecutorLossWatchTest {
  @Test
  void anExecutorRemovedIsToldWithItsReasonUntilTheWatchIsClosed() throws Exception {
    SparkContext sc = SparkTestSession.get().sparkContext();
    List<String> told = new CopyOnWriteArrayList<>();
    ExecutorLossWatch watch = ExecutorLossWatch.start(sc, told::add);
    sc.listenerBus().post(new SparkListenerExecutorRemoved(System.currentTimeMillis(), "3",
        "Command exited with code 137"));
    sc.listenerBus().waitUntilEmpty();
    watch.close();
    sc.listenerBus().post(new SparkListenerExecutorRemoved(System.currentTimeMillis(), "4", "after the run"));
    sc.listenerBus().waitUntilEmpty();
    assertEquals(List.of("executor 3 was lost (Command exited with code 137): Spark runs its tasks again on the "
        + "others and reads the partitions it had cached from the input again, so this epoch takes longer (the ETA "
        + "that follows with it) and its result is the same"), told);
  }
}

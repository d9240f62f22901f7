package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A standalone master that never takes the application makes Spark stop the context from another thread while its
 * constructor runs; the start then fails one way or the other by timing (a CI run got the NullPointerException, the
 * runs before it the IllegalStateException), and both are told as the stop, other errors as themselves.
 */
class StoppedAtStartTest {
  private static final String MASTER = "spark://127.0.0.1:8080";

  @Test
  void theSessionsStoppedContextIsToldAsTheStop() {
    RuntimeException told = ClusterCheck.stoppedAtStart(MASTER,
        new IllegalStateException("Cannot call methods on a stopped SparkContext."));
    assertInstanceOf(ClusterUnavailableException.class, told);
    assertTrue(told.getMessage().contains("the master at " + MASTER + " accepted a connection"), told.getMessage());
  }

  @Test
  void aFieldTheStopClearedInTheConstructorIsToldAsTheStop() {
    NullPointerException inConstructor = new NullPointerException("Cannot invoke \"org.apache.spark.scheduler."
        + "TaskScheduler.postStartHook()\" because the return value of \"org.apache.spark.SparkContext."
        + "_taskScheduler()\" is null");
    inConstructor.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.apache.spark.SparkContext", "<init>", "SparkContext.scala", 720),
        new StackTraceElement("org.apache.spark.SparkContext$", "getOrCreate", "SparkContext.scala", 3075)});
    RuntimeException told = ClusterCheck.stoppedAtStart(MASTER, inConstructor);
    assertInstanceOf(ClusterUnavailableException.class, told);
    assertTrue(told.getMessage().contains("(port 7077 by default), not at its web UI's port"), told.getMessage());
    assertSame(inConstructor, told.getCause(), "Spark's error, whose trace --verbose shows");
    // no standalone master: a bug of its own, told as itself
    assertSame(inConstructor, ClusterCheck.stoppedAtStart("local[*]", inConstructor));
  }

  @Test
  void otherErrorsAreToldAsThemselves() {
    NullPointerException elsewhere = new NullPointerException("x is null");
    elsewhere.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.apache.spark.SparkContext", "getConf", "SparkContext.scala", 1),
        new StackTraceElement("org.apache.spark.SparkContext", "<init>", "SparkContext.scala", 2)});
    assertSame(elsewhere, ClusterCheck.stoppedAtStart(MASTER, elsewhere));
    IllegalStateException other = new IllegalStateException("Only one SparkContext should be running");
    assertSame(other, ClusterCheck.stoppedAtStart(MASTER, other));
  }
}

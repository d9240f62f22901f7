package sparkdgd.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Bounded waits instead of hangs: a standalone master that does not accept connections fails in
 * seconds (Spark itself retries for a minute), and a cluster that gives the job no executor fails
 * after {@code spark.dgd.executorWaitSeconds} (Spark itself waits forever).
 */
final class ClusterCheck {
  static final String WAIT_KEY = "spark.dgd.executorWaitSeconds";
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private ClusterCheck() {}

  /** Throws unless every {@code spark://host:port} master in {@code master} accepts a TCP connection. */
  static void masterReachable(String master) {
    if (master == null || !master.startsWith("spark://")) {
      return;
    }
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        throw new ClusterUnavailableException(String.format(
            "cannot reach the Spark master at %s:%d (%s); start it (./submit.sh cluster start for a local one) "
                + "or fix --master", host, port, e.getMessage()));
      }
    }
  }

  /** Waits until the cluster has given this application at least one executor. */
  static void executorsArrive(SparkContext sc) {
    if (sc.isLocal()) {
      return;
    }
    long waitSeconds = sc.getConf().getLong(WAIT_KEY, 120);
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    while (sc.isStopped() || sc.statusTracker().getExecutorInfos().length < 2) { // the driver is listed too
      if (sc.isStopped()) {
        throw new ClusterUnavailableException(stoppedMessage(sc.master()));
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterUnavailableException(noExecutorMessage(sc.master(), waitSeconds, sc.getConf()));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterUnavailableException("interrupted while waiting for executors");
      }
    }
  }

  /**
   * What a SparkContext stopped while it started is told as: {@code e} itself unless the context stopped (a
   * standalone master that never answered: Spark gives up after a minute, "All masters are unresponsive", and stops
   * the context from another thread while its constructor still runs). Which error the start then ends with depends
   * on where the constructor was when the stop came: "Cannot call methods on a stopped SparkContext" from the
   * session, or a NullPointerException in the constructor itself, on a field the stop had cleared (Spark 4.2:
   * "_taskScheduler() is null" at postStartHook).
   */
  static RuntimeException stoppedAtStart(String master, RuntimeException e) {
    return stoppedWhileStarting(master, e) ? new ClusterUnavailableException(stoppedMessage(master), e) : e;
  }

  /** The NullPointerException only for a standalone master, the one case seen: elsewhere it is a bug of its own. */
  private static boolean stoppedWhileStarting(String master, RuntimeException e) {
    if (e instanceof IllegalStateException) {
      return e.getMessage() != null && e.getMessage().contains("stopped SparkContext");
    }
    if (e instanceof NullPointerException && master != null && master.startsWith("spark://")) {
      StackTraceElement[] at = e.getStackTrace();
      return at.length > 0 && at[0].getClassName().equals(SparkContext.class.getName())
          && at[0].getMethodName().equals("<init>");
    }
    return false;
  }

  /**
   * Why Spark stopped the application as it started on {@code master}, and what to check. A port that accepts
   * connections but is not a master's (its web UI's, 8080 by default, as a user review pasted) is the common cause.
   */
  static String stoppedMessage(String master) {
    return "Spark stopped this application before it got an executor: " + (master.startsWith("spark://")
        ? "the master at " + master + " accepted a connection but did not take the application (Spark: \"All "
            + "masters are unresponsive\", above). Check the port of --master: a master takes applications at the "
            + "spark:// URL its web UI shows (port 7077 by default), not at its web UI's port (8080 by default)"
        : "the cluster manager at " + master + " ended it (Spark says why above)");
  }

  /**
   * Why a cluster may give no executor and what to change. In cluster deploy mode the driver runs on a worker and
   * holds a core and memory there itself, which a cluster of one small worker can then lack for the executor.
   */
  static String noExecutorMessage(String master, long waitSeconds, SparkConf conf) {
    String driverOnWorker = "cluster".equals(conf.get("spark.submit.deployMode", "client"))
        ? String.format(" In cluster deploy mode the driver itself holds %s core(s) and %s of a worker's memory "
            + "(spark.driver.cores, spark.driver.memory), which the executor cannot use.",
            conf.get("spark.driver.cores", "1"), conf.get("spark.driver.memory", "1g"))
        : "";
    return String.format("the cluster at %s gave this job no executor within %d s; it may lack free cores or memory "
            + "for the request (spark.executor.memory=%s, spark.executor.cores=%s).%s Check the master's web UI, "
            + "free resources, or ask for less (--executor-memory)", master, waitSeconds,
        conf.get("spark.executor.memory", "1g"), conf.get("spark.executor.cores", "all available"), driverOnWorker);
  }
}

package sparkdgd.cli;

import java.lang.management.ManagementFactory;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.CacheSettings;

/**
 * The Spark session a command runs on: the caller's active one when there is one (tests, notebooks),
 * otherwise a new one from spark-submit's settings, defaulting to {@code local[*]}. Only a session
 * started here is stopped by {@link #close()}.
 */
final class SparkSessions implements AutoCloseable {
  private final SparkSession session;
  private final boolean owned;
  private final double startupSeconds;

  private SparkSessions(SparkSession session, boolean owned, double startupSeconds) {
    this.session = session;
    this.owned = owned;
    this.startupSeconds = startupSeconds;
  }

  static SparkSessions useOrStart(String appName, boolean verbose) {
    QuietSparkLogs.forVerbosity(verbose);
    SparkSession existing = SparkSession.getActiveSession()
        .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
    if (existing != null) {
      return new SparkSessions(existing, false, Double.NaN);
    }
    SparkConf conf = withDefaults(new SparkConf(), appName);
    ClusterCheck.masterReachable(conf.get("spark.master"));
    SparkSession session;
    try {
      session = SparkSession.builder().config(conf).getOrCreate();
    } catch (IllegalStateException | NullPointerException e) {
      throw ClusterCheck.stoppedAtStart(conf.get("spark.master"), e);
    }
    try {
      ClusterCheck.executorsArrive(session.sparkContext());
    } catch (RuntimeException e) {
      session.stop();
      throw e;
    }
    return new SparkSessions(session, true, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
  }

  /** {@code conf} with what a session started here sets where it has nothing of its own. */
  static SparkConf withDefaults(SparkConf conf, String appName) {
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    CacheSettings.configure(conf);
    keepLocalDriverOnFatalTaskErrors(conf);
    return conf;
  }

  /**
   * For a local master (the tasks run in the driver's JVM), lets a task's fatal error fail the task as any other error
   * instead of ending the JVM, unless the settings say otherwise. Spark's executor reports the task's failure and
   * then, for an error such as OutOfMemoryError, ends its JVM with exit code 52 after a stack trace: on a cluster
   * that is an executor, in local mode it is the driver, which then ends while the job's failure is on its way to the
   * command, most often before the command can say what failed and what to change. With this the job fails with the
   * error as its cause and the command prints one line (ErrorReport), exit code 1. The tasks' memory is garbage by
   * then, and the command ends right after. A cluster's executors keep Spark's behaviour.
   */
  static void keepLocalDriverOnFatalTaskErrors(SparkConf conf) {
    String master = conf.get("spark.master", "");
    if (master.equals("local") || master.startsWith("local[")) {
      conf.setIfMissing("spark.executor.killOnFatalError.depth", "0"); // 0: no cause of a task's error is fatal
    }
  }

  SparkSession session() {
    return session;
  }

  /**
   * The seconds from this JVM's start until the session started here had its executors (the JVM's and Spark's
   * start-up, which a run's own times leave out: 4-7 s of a small local run here); NaN for a session already running.
   */
  double startupSeconds() {
    return startupSeconds;
  }

  @Override
  public void close() {
    if (owned) {
      session.stop();
    }
  }
}

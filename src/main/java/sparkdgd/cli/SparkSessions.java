package sparkdgd.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.BlockKryoRegistrator;

/**
 * The Spark session a command runs on: the caller's active one when there is one (tests, notebooks),
 * otherwise a new one from spark-submit's settings, defaulting to {@code local[*]}. Only a session
 * started here is stopped by {@link #close()}.
 */
final class SparkSessions implements AutoCloseable {
  private final SparkSession session;
  private final boolean owned;

  private SparkSessions(SparkSession session, boolean owned) {
    this.session = session;
    this.owned = owned;
  }

  static SparkSessions useOrStart(String appName, boolean verbose) {
    if (verbose) {
      Configurator.setAllLevels(LogManager.getRootLogger().getName(), Level.INFO);
    }
    SparkSession existing = SparkSession.getActiveSession()
        .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
    if (existing != null) {
      return new SparkSessions(existing, false);
    }
    SparkConf conf = new SparkConf();
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    BlockKryoRegistrator.configure(conf);
    ClusterCheck.masterReachable(conf.get("spark.master"));
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    try {
      ClusterCheck.executorsArrive(session.sparkContext());
    } catch (RuntimeException e) {
      session.stop();
      throw e;
    }
    return new SparkSessions(session, true);
  }

  SparkSession session() {
    return session;
  }

  @Override
  public void close() {
    if (owned) {
      session.stop();
    }
  }
}

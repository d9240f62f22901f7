package sparkdgd.cli;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkContext;

/**
 * The project's logging ({@code conf/log4j2.properties}, in the jar as {@value #OURS}: Spark's INFO lines off, warnings
 * and errors on stderr) for a driver that {@code submit.sh} did not start with it: a cluster deploy mode's, which a
 * standalone worker starts with Spark's own default, everything at INFO (444 of the 450 lines of a 5-epoch driver's
 * stderr on a standalone worker were Spark's INFO lines, around our warnings), or one started by a plain
 * {@code spark-submit}. Only Spark's default is replaced: a configuration of the user's (a {@code log4j2.properties}
 * in {@code SPARK_HOME/conf}, {@code -Dlog4j2.configurationFile}) is left as it is, and {@code --verbose} keeps INFO;
 * so is Spark's JSON default for structured logging ({@code spark.log.structuredLogging.enabled}), which was asked for.
 */
public final class QuietSparkLogs {
  /** The configuration Spark loads when it finds none (Spark's {@code Logging.initializeLogging}). */
  static final String SPARK_DEFAULT = "org/apache/spark/log4j2-defaults.properties";
  /** Where the build puts {@code conf/log4j2.properties} in the jar (the pom's resources). */
  static final String OURS = "sparkdgd/log4j2.properties";

  private QuietSparkLogs() {}

  /** Spark's INFO logs with {@code --verbose}; else the project's logging in place of Spark's default. */
  public static void forVerbosity(boolean verbose) {
    if (verbose) {
      Configurator.setAllLevels(LogManager.getRootLogger().getName(), Level.INFO);
    } else {
      replaceSparkDefault();
    }
  }

  /** Replaces Spark's default logging configuration with the project's; whether it did. */
  public static boolean replaceSparkDefault() {
    // Spark's context, whichever loader holds this class (a cluster-mode driver's app jar is in a child of Spark's)
    LoggerContext context = (LoggerContext) LogManager.getContext(SparkContext.class.getClassLoader(), false);
    ConfigurationSource source = context.getConfiguration().getConfigurationSource();
    String location = source == null ? null : source.getLocation();
    URL ours = QuietSparkLogs.class.getClassLoader().getResource(OURS);
    if (location == null || !location.endsWith(SPARK_DEFAULT) || ours == null) {
      return false;
    }
    try {
      context.setConfigLocation(ours.toURI());
    } catch (URISyntaxException e) {
      return false; // Spark's INFO lines, as before
    }
    return true;
  }
}

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;

/**
 * A driver whose logging is Spark's default (everything at INFO) gets the project's conf/log4j2.properties from the
 * jar; a configuration of the user's is left alone.
 */
class QuietSparkLogsTest {
  @Test
  void sparksDefaultIsReplacedByTheProjectsAndAUsersConfigurationIsKept() throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    URI before = context.getConfigLocation();
    Path users = Files.createTempFile("users-log4j2", ".properties");
    try {
      context.setConfigLocation(getClass().getClassLoader().getResource(QuietSparkLogs.SPARK_DEFAULT).toURI());
      assertEquals(Level.INFO, LogManager.getLogger("org.apache.spark.SparkContext").getLevel(), "Spark's default");
      assertTrue(QuietSparkLogs.replaceSparkDefault());
      assertEquals(Level.ERROR, LogManager.getLogger("org.apache.spark.SparkContext").getLevel());
      assertEquals(Level.WARN, LogManager.getLogger("com.example.Other").getLevel());
      assertTrue(context.getConfiguration().getConfigurationSource().getLocation().endsWith(QuietSparkLogs.OURS));
      // the jar's copy is conf/log4j2.properties, as submit.sh gives a driver it starts
      assertEquals(Files.readString(Path.of("conf/log4j2.properties")),
          new String(getClass().getClassLoader().getResourceAsStream(QuietSparkLogs.OURS).readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8));

      Files.writeString(users, "rootLogger.level = debug\n");
      context.setConfigLocation(users.toUri());
      assertFalse(QuietSparkLogs.replaceSparkDefault(), "a configuration of the user's");
      assertEquals(Level.DEBUG, LogManager.getLogger("org.apache.spark.SparkContext").getLevel());
    } finally {
      context.setConfigLocation(before);
      Files.deleteIfExists(users);
    }
  }
}

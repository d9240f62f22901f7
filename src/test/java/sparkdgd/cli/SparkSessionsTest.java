package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** In local mode a task's fatal error fails the task, not the driver's JVM; elsewhere Spark's setting stays. */
class SparkSessionsTest {
  private static final String DEPTH = "spark.executor.killOnFatalError.depth";

  private static SparkConf master(String master) {
    SparkConf conf = new SparkConf(false).set("spark.master", master);
    SparkSessions.keepLocalDriverOnFatalTaskErrors(conf);
    return conf;
  }

  @Test
  void localMastersKeepTheDriverAlive() {
    for (String local : new String[] {"local", "local[2]", "local[*]", "local[2,4]"}) {
      assertEquals("0", master(local).get(DEPTH), local);
    }
  }

  /** The sessions the commands start take the cache's settings (CacheSettings) and leave a user's own. */
  @Test
  void startedSessionsHoldASerializedCacheInPiecesThatAreNotHumongous() {
    SparkConf ours = SparkSessions.withDefaults(new SparkConf(false), "app");
    assertEquals("262144", ours.get("spark.storage.unrollMemoryThreshold"));
    assertEquals("org.apache.spark.serializer.KryoSerializer", ours.get("spark.serializer"));
    assertEquals("local[*]", ours.get("spark.master"));
    assertEquals("0", ours.get(DEPTH));
    SparkConf given = SparkSessions.withDefaults(new SparkConf(false).set("spark.storage.unrollMemoryThreshold",
        "1048576").set("spark.master", "yarn"), "app");
    assertEquals("1048576", given.get("spark.storage.unrollMemoryThreshold"));
    assertFalse(given.contains(DEPTH));
  }

  @Test
  void executorsOfTheirOwnAndAUsersSettingAreLeftAlone() {
    for (String cluster : new String[] {"spark://127.0.0.1:7077", "yarn", "local-cluster[2,1,1024]"}) {
      assertFalse(master(cluster).contains(DEPTH), cluster);
    }
    SparkConf given = new SparkConf(false).set("spark.master", "local[2]").set(DEPTH, "5");
    SparkSessions.keepLocalDriverOnFatalTaskErrors(given);
    assertEquals("5", given.get(DEPTH));
  }
}

package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** The message of a cluster that gives no executor names what the request asked for, and in cluster deploy mode the driver's own share. */
class NoExecutorMessageTest {

  @Test
  void clientModeNamesTheExecutorRequestOnly() {
    SparkConf conf = new SparkConf(false).set("spark.executor.memory", "3g");
    String m = ClusterCheck.noExecutorMessage("spark://h:7077", 120, conf);
    assertTrue(m.startsWith("the cluster at spark://h:7077 gave this job no executor within 120 s"), m);
    assertTrue(m.contains("spark.executor.memory=3g, spark.executor.cores=all available"), m);
    assertFalse(m.contains("driver"), m);
  }

  @Test
  void clusterModeSaysTheDriverHoldsAWorkersCoreAndMemory() {
    SparkConf conf = new SparkConf(false).set("spark.submit.deployMode", "cluster")
        .set("spark.driver.cores", "2").set("spark.driver.memory", "2g");
    String m = ClusterCheck.noExecutorMessage("spark://h:7077", 10, conf);
    assertTrue(m.contains("In cluster deploy mode the driver itself holds 2 core(s) and 2g of a worker's memory"), m);
    assertTrue(m.endsWith("or ask for less (--executor-memory)"), m);
  }
}

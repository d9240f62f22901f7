package sparkdgd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkConf;

/**
 * Memory and storage settings Spark takes without effect here, each told before anything is read: OFF_HEAP without
 * off-heap memory (every block then goes to local disk, as under DISK_ONLY: "0.0 MB in memory"), and on a local master
 * executor memory (its tasks run in the driver's JVM) and a storage level's second or third copy (Spark puts those on
 * other executors). A review followed a warning's "--executor-memory" on a local master and got no word that it did
 * nothing.
 */
final class SettingsWithoutEffect {
  private SettingsWithoutEffect() {}

  /** Whether --storage-level is OFF_HEAP and Spark has no off-heap memory (its default). */
  static boolean offHeapWithoutMemory(String storageLevel, SparkConf conf) {
    return storageLevel.equals("OFF_HEAP") && !(conf.getBoolean("spark.memory.offHeap.enabled", false)
        && conf.getSizeAsBytes("spark.memory.offHeap.size", "0") > 0);
  }

  /** The warnings for {@code storageLevel} and {@code conf}, on a {@code local} master or not. */
  static List<String> warnings(boolean local, String storageLevel, SparkConf conf) {
    List<String> warnings = new ArrayList<>();
    offHeap(storageLevel, conf).ifPresent(warnings::add);
    if (!local) {
      return warnings;
    }
    if (conf.contains("spark.executor.memory")) { // from --conf or a properties file: SparkSubmit drops the flag's
      warnings.add("spark.executor.memory=" + conf.get("spark.executor.memory") + " has no effect on a local master, "
          + "whose tasks run in the driver's JVM: --driver-memory sizes it");
    }
    if (storageLevel.endsWith("_2") || storageLevel.endsWith("_3")) {
      warnings.add("--storage-level " + storageLevel + " keeps one copy on a local master: Spark puts the other "
          + "copies on other executors, and a local master has one; " + storageLevel.substring(0,
              storageLevel.length() - 2) + " is the same here");
    }
    return warnings;
  }

  /** The warning for OFF_HEAP without off-heap memory, if so. */
  static Optional<String> offHeap(String storageLevel, SparkConf conf) {
    if (!offHeapWithoutMemory(storageLevel, conf)) {
      return Optional.empty();
    }
    return Optional.of("--storage-level OFF_HEAP without off-heap memory keeps every block on local disk: add --conf "
        + "spark.memory.offHeap.enabled=true --conf spark.memory.offHeap.size=4g (a size that holds the data), or "
        + "use another --storage-level (MEMORY_AND_DISK)");
  }
}

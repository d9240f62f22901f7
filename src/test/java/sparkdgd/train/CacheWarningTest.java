package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class CacheWarningTest {

  private static List<String> warnings(String level, int cached, int partitions) {
    List<String> seen = new ArrayList<>();
    TrainingJob.warnIfNotAllCached(new ProgressListener() {
      @Override
      public void warning(String message) {
        seen.add(message);
      }
    }, level, cached, partitions);
    return seen;
  }

  @Test
  void silentWhenEverythingIsCachedAndSaysWhichLevelToUseOtherwise() {
    assertTrue(warnings("MEMORY_ONLY", 8, 8).isEmpty());
    List<String> memoryOnly = warnings("MEMORY_ONLY", 3, 8);
    assertEquals(1, memoryOnly.size());
    assertTrue(memoryOnly.get(0).startsWith("only 3 of 8 partitions"), memoryOnly.get(0));
    assertTrue(memoryOnly.get(0).contains("use --storage-level MEMORY_AND_DISK"), memoryOnly.get(0));
    assertTrue(warnings("MEMORY_AND_DISK", 7, 8).get(0).contains("spark.local.dir"));
    assertTrue(warnings("OFF_HEAP", 7, 8).get(0).contains("spark.local.dir"), "OFF_HEAP spills to disk too");
  }

  /** A serialized level was told to use MEMORY_AND_DISK, which would also give up the serialized blocks. */
  @Test
  void aSerializedLevelIsToldTheSerializedLevelThatSpills() {
    String ser = warnings("MEMORY_ONLY_SER", 11, 20).get(0);
    assertTrue(ser.contains("use --storage-level MEMORY_AND_DISK_SER (what does not fit in memory spills to local "
        + "disk, serialized as now)"), ser);
    assertTrue(warnings("MEMORY_ONLY_SER_2", 1, 2).get(0).contains("use --storage-level MEMORY_AND_DISK_SER_2 ("));
    assertTrue(warnings("MEMORY_ONLY_2", 1, 2).get(0).contains("use --storage-level MEMORY_AND_DISK_2 (what does "
        + "not fit in memory spills to local disk), "));
  }

  private static List<String> offHeapWarnings(String level, SparkConf conf) {
    return SettingsWithoutEffect.offHeap(level, conf).stream().toList();
  }

  /** OFF_HEAP without off-heap memory cached everything on disk unsaid: "0.0 MB in memory, 440.0 MB on disk". */
  @Test
  void offHeapWithoutOffHeapMemoryIsToldHowToGiveIt() {
    String fix = "--storage-level OFF_HEAP without off-heap memory keeps every block on local disk: add --conf "
        + "spark.memory.offHeap.enabled=true --conf spark.memory.offHeap.size=4g (a size that holds the data), or use "
        + "another --storage-level (MEMORY_AND_DISK)";
    assertEquals(List.of(fix), offHeapWarnings("OFF_HEAP", new SparkConf(false)));
    assertEquals(List.of(fix), offHeapWarnings("OFF_HEAP", new SparkConf(false)
        .set("spark.memory.offHeap.enabled", "true")), "enabled, but no size");
    assertEquals(List.of(), offHeapWarnings("OFF_HEAP", new SparkConf(false)
        .set("spark.memory.offHeap.enabled", "true").set("spark.memory.offHeap.size", "4g")));
    assertEquals(List.of(), offHeapWarnings("MEMORY_AND_DISK", new SparkConf(false)), "no other level");
  }

  /** A review followed a warning's "--executor-memory" on a local master, which took it without a word. */
  @Test
  void aLocalMasterSaysWhatItTakesWithoutEffect() {
    SparkConf conf = new SparkConf(false).set("spark.executor.memory", "8g");
    assertEquals(List.of("spark.executor.memory=8g has no effect on a local master, whose tasks run in the driver's "
        + "JVM: --driver-memory sizes it", "--storage-level MEMORY_ONLY_2 keeps one copy on a "
        + "local master: Spark puts the other copies on other executors, and a local master has one; MEMORY_ONLY is "
        + "the same here"), SettingsWithoutEffect.warnings(true, "MEMORY_ONLY_2", conf));
    assertEquals(List.of(), SettingsWithoutEffect.warnings(false, "MEMORY_ONLY_2", conf), "a cluster takes both");
    assertEquals(List.of(), SettingsWithoutEffect.warnings(true, "MEMORY_AND_DISK", new SparkConf(false)));
  }
}

package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.io.ChunkedByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import scala.Option;
import sparkdgd.testing.GaussianBlocks;
import sparkdgd.testing.SparkTestSession;

/**
 * A partition cached serialized is held in pieces below half of G1's smallest region (1 MiB), so none is a humongous
 * object: Spark's default pieces of 1 MiB took 2 MiB of heap each in heaps below 8 GiB, and a 2 GiB driver ran out
 * of memory caching what it had room for (CacheSettings). The shared test session is configured as ours are.
 */
@Tag("spark")
class CacheSettingsTest {
  private static final long HALF_THE_SMALLEST_G1_REGION = 512 * 1024;

  @Test
  void aPartitionCachedSerializedIsHeldInPiecesThatAreNotHumongous() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      blocks.add(GaussianBlocks.dense(4096, 10, k)); // 360 KB serialized each: 4.3 MB in one partition
    }
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 1).persist(StorageLevel.MEMORY_ONLY_SER());
    try {
      assertEquals(12, rdd.count());
      Option<ChunkedByteBuffer> stored = SparkEnv.get().blockManager().memoryStore()
          .getBytes(new RDDBlockId(rdd.id(), 0));
      assertTrue(stored.isDefined(), "the partition is in memory, serialized");
      ByteBuffer[] chunks = stored.get().chunks();
      long total = 0;
      for (ByteBuffer chunk : chunks) {
        assertTrue(chunk.capacity() < HALF_THE_SMALLEST_G1_REGION, "a piece of " + chunk.capacity() + " bytes");
        total += chunk.limit();
      }
      assertTrue(total > 12 * 4096 * 11 * 8, "the 12 blocks' values are all there: " + total + " bytes");
      assertTrue(chunks.length >= total / CacheSettings.SERIALIZED_CHUNK_BYTES, chunks.length + " pieces");
    } finally {
      rdd.unpersist(true);
    }
  }

  @Test
  void aUsersOwnSettingWins() {
    SparkConf ours = CacheSettings.configure(new SparkConf(false));
    assertEquals("262144", ours.get(CacheSettings.UNROLL_THRESHOLD));
    assertEquals(BlockKryoRegistrator.class.getName(), ours.get("spark.kryo.registrator"));
    SparkConf chosen = CacheSettings.configure(new SparkConf(false).set(CacheSettings.UNROLL_THRESHOLD, "4194304"));
    assertEquals("4194304", chosen.get(CacheSettings.UNROLL_THRESHOLD));
  }
}

package sparkdgd.block;

import java.util.BitSet;
import org.apache.spark.SparkEnv;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockStatus;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageStatus;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * What the cache holds of one RDD now: partitions cached (a partition counts once however many executors
 * hold it), those of them held on disk and in no executor's memory (every pass reads them from disk), bytes in
 * memory and on disk.
 *
 * <p>Read from the driver's block manager master, which every executor tells of a stored block before its
 * task ends; so right after a job, the status covers every partition that job cached. Spark's own
 * {@code SparkContext.getRDDStorageInfo} reads the status store instead, which the listener bus fills
 * asynchronously, and can still be missing partitions a finished job has cached.
 */
public record CacheStatus(int cachedPartitions, int diskOnlyPartitions, int partitions, long memoryBytes,
    long diskBytes) {

  /** A status with no partition on disk alone. */
  public CacheStatus(int cachedPartitions, int partitions, long memoryBytes, long diskBytes) {
    this(cachedPartitions, 0, partitions, memoryBytes, diskBytes);
  }

  public boolean complete() {
    return cachedPartitions >= partitions;
  }

  /** The status of {@code rdd}, asked of the block manager master (call on the driver). */
  public static CacheStatus of(RDD<?> rdd) {
    BitSet cached = new BitSet(rdd.getNumPartitions());
    BitSet inMemory = new BitSet(rdd.getNumPartitions());
    BitSet onDisk = new BitSet(rdd.getNumPartitions());
    long memory = 0;
    long disk = 0;
    for (StorageStatus executor : SparkEnv.get().blockManager().master().getStorageStatus()) {
      Iterator<Tuple2<BlockId, BlockStatus>> blocks = executor.rddBlocks().iterator();
      while (blocks.hasNext()) {
        Tuple2<BlockId, BlockStatus> block = blocks.next();
        if (block._1() instanceof RDDBlockId id && id.rddId() == rdd.id()) {
          cached.set(id.splitIndex());
          if (block._2().memSize() > 0) {
            inMemory.set(id.splitIndex());
          }
          if (block._2().diskSize() > 0) {
            onDisk.set(id.splitIndex());
          }
          memory += block._2().memSize();
          disk += block._2().diskSize();
        }
      }
    }
    onDisk.andNot(inMemory);
    return new CacheStatus(cached.cardinality(), onDisk.cardinality(), rdd.getNumPartitions(), memory, disk);
  }
}

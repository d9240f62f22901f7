package sparkdgd.block;

import org.apache.spark.SparkConf;

/**
 * What every session started here sets for Spark's block cache, each only where the settings have none (a
 * {@code --conf} wins): Kryo with the block classes ({@link BlockKryoRegistrator#configure}), and serialized
 * blocks held in pieces of {@link #SERIALIZED_CHUNK_BYTES}.
 *
 * <p>Spark keeps a partition cached serialized ({@code MEMORY_ONLY_SER}, {@code MEMORY_AND_DISK_SER}) as a list of
 * byte arrays of {@code spark.storage.unrollMemoryThreshold} each, 1 MiB by default. G1 allocates an object of more
 * than half a region as a "humongous" object in regions of its own, and its regions are 1 MiB in heaps below 4 GiB and
 * 2 MiB below 8 GiB: there each 1 MiB array (and its 16-byte header) takes 2 MiB of heap, so the cache costs twice
 * the memory Spark counts for it. Measured (docs/BENCHMARKS.md, session 48): 3e7 x 10 rows from Parquet in a 2 GiB
 * driver under {@code MEMORY_AND_DISK_SER} ran out of memory while caching, with 1,994 of the heap's 2,048 regions
 * humongous; with 256 KiB pieces it cached 939-1,074 MB in memory and the rest on disk and trained. In a 512 MiB
 * driver holding 176 MB serialized, a 2-epoch run read, trained and scored in 63 s against 15-16 s (the collector
 * running all along).
 */
public final class CacheSettings {
  /** Below half of G1's smallest region (1 MiB), so never a humongous object; 1/4 of Spark's default. */
  public static final long SERIALIZED_CHUNK_BYTES = 256 * 1024;

  static final String UNROLL_THRESHOLD = "spark.storage.unrollMemoryThreshold";

  private CacheSettings() {}

  /** Sets, where {@code conf} has none, Kryo with the block classes and the serialized cache's piece size. */
  public static SparkConf configure(SparkConf conf) {
    BlockKryoRegistrator.configure(conf);
    // a plain number: Spark reads this setting as bytes without a unit
    conf.setIfMissing(UNROLL_THRESHOLD, Long.toString(SERIALIZED_CHUNK_BYTES));
    return conf;
  }
}

package sparkdgd.block;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the cached block classes (and their arrays) with Kryo, so serialized blocks (the
 * {@code _SER} storage levels, blocks spilled to disk, shuffles) carry a small class id instead of
 * the class name. Set with {@code spark.kryo.registrator=sparkdgd.block.BlockKryoRegistrator}, or by
 * {@link #configure} with the rest of the serializer settings the sessions we start use.
 */
public final class BlockKryoRegistrator implements KryoRegistrator {
  /**
   * Kryo with the block classes registered, for compact serialized and spilled blocks, and its unsafe input
   * and output, which copy a block's arrays in bulk instead of a value at a time: an epoch over serialized
   * blocks took 2.1-2.8 times less at 1e7 x 10 (docs/BENCHMARKS.md, session 12). The bytes are in the
   * machine's order, which every executor of a cluster shares. Each setting only where {@code conf} has none,
   * so {@code --conf spark.kryo.unsafe=false} and the like still win.
   */
  public static SparkConf configure(SparkConf conf) {
    conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    conf.setIfMissing("spark.kryo.registrator", BlockKryoRegistrator.class.getName());
    conf.setIfMissing("spark.kryo.unsafe", "true");
    return conf;
  }

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(DenseBlock.class);
    kryo.register(DenseFloatBlock.class);
    kryo.register(SparseBlock.class);
    // a record: Kryo's field serializer cannot set its final fields
    kryo.register(PartitionSums.class, new PartitionSumsSerializer());
    // written by its own writeObject: each position's parts and no more
    kryo.register(ExactSum.class, new com.esotericsoftware.kryo.serializers.JavaSerializer());
    kryo.register(sparkdgd.data.LocatedLine.class); // text lines shuffled to reach more partitions than splits
    kryo.register(java.math.BigDecimal.class);
    kryo.register(java.math.BigDecimal[].class);
    kryo.register(java.math.BigInteger.class);
    kryo.register(double[][].class);
    kryo.register(byte[].class);
    kryo.register(double[].class);
    kryo.register(float[].class);
    kryo.register(int[].class);
  }
}

package sparkdgd.block;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the cached block classes (and their arrays) with Kryo, so serialized blocks (the
 * {@code _SER} storage levels, blocks spilled to disk, shuffles) carry a small class id instead of
 * the class name. Set with {@code spark.kryo.registrator=sparkdgd.block.BlockKryoRegistrator}.
 */
public final class BlockKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(DenseBlock.class);
    kryo.register(DenseFloatBlock.class);
    kryo.register(SparseBlock.class);
    // a record: Kryo's field serializer cannot set its final fields, Java serialization can
    kryo.register(PartitionSums.class, new com.esotericsoftware.kryo.serializers.JavaSerializer());
    kryo.register(ExactSum.class);
    kryo.register(java.math.BigDecimal.class);
    kryo.register(java.math.BigDecimal[].class);
    kryo.register(java.math.BigInteger.class);
    kryo.register(double[].class);
    kryo.register(float[].class);
    kryo.register(int[].class);
  }
}

package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.reflect.ClassTag$;
import sparkdgd.testing.GaussianBlocks;

/**
 * Kryo with registration required round-trips every block layout, with its unsafe input and output (the sessions'
 * setting) and without; float32 halves the bytes.
 */
class BlockSerializationTest {
  private static final SerializerInstance KRYO = kryo(true);

  private static SerializerInstance kryo(boolean unsafe) {
    return new KryoSerializer(new SparkConf()
        .set("spark.kryo.registrationRequired", "true")
        .set("spark.kryo.unsafe", Boolean.toString(unsafe))
        .set("spark.kryo.registrator", BlockKryoRegistrator.class.getName())).newInstance();
  }

  private static ByteBuffer write(Object o) {
    return write(KRYO, o);
  }

  private static ByteBuffer write(SerializerInstance kryo, Object o) {
    return kryo.serialize(o, ClassTag$.MODULE$.apply(Object.class));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(SerializerInstance kryo, T o) {
    return (T) kryo.deserialize(write(kryo, o), ClassTag$.MODULE$.apply(Object.class));
  }

  private static DenseBlock dense(int rows, int dims, long seed) {
    return GaussianBlocks.dense(rows, dims, seed);
  }

  @ParameterizedTest(name = "spark.kryo.unsafe={0}")
  @ValueSource(booleans = {true, false})
  void everyLayoutRoundTripsThroughKryoWithRegistrationRequired(boolean unsafe) {
    SerializerInstance kryo = kryo(unsafe);
    DenseBlock d = dense(50, 6, 1);
    DenseBlock d2 = roundTrip(kryo, d);
    assertArrayEquals(d.tiles(), d2.tiles(), 0.0);
    assertArrayEquals(d.labels(), d2.labels(), 0.0);
    DenseFloatBlock f = roundTrip(kryo, DenseFloatBlock.of(d));
    assertArrayEquals(DenseFloatBlock.of(d).tiles(), f.tiles(), 0f);
    SparseBlock s = new SparseBlock(2, 4, new int[] {0, 2, 3}, new int[] {0, 3, 1}, new double[] {1, 2, 3},
        new double[] {4, 5});
    SparseBlock s2 = roundTrip(kryo, s);
    assertArrayEquals(s.rowStarts(), s2.rowStarts());
    assertArrayEquals(s.indices(), s2.indices());
    assertArrayEquals(s.values(), s2.values(), 0.0);
    // rows with weights (--weight-col) keep them, in every layout; blocks without keep none
    double[] weights = new double[50];
    double[] rowMajor = new double[50 * 6];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i / 7.0;
      for (int j = 0; j < 6; j++) {
        rowMajor[i * 6 + j] = d.value(i, j);
      }
    }
    DenseBlock weighted = new DenseBlock(50, 6, rowMajor, d.labels(), weights);
    assertArrayEquals(weights, roundTrip(kryo, weighted).weights(), 0.0);
    assertArrayEquals(weights, roundTrip(kryo, DenseFloatBlock.of(weighted)).weights(), 0.0);
    assertArrayEquals(new double[] {0.5, 2}, roundTrip(kryo, new SparseBlock(2, 4, new int[] {0, 2, 3},
        new int[] {0, 3, 1}, new double[] {1, 2, 3}, new double[] {4, 5}, new double[] {0.5, 2})).weights(), 0.0);
    assertEquals(null, d2.weights());
    PartitionSums p = roundTrip(kryo, new PartitionSums(new double[] {1, -0.0, Double.NaN, 2.5e-300}, 7));
    assertEquals(7, p.rows());
    assertArrayEquals(new double[] {1, -0.0, Double.NaN, 2.5e-300}, p.sums(), 0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(p.sums()[1]), "the sign of -0.0");
    ExactSum e = roundTrip(kryo, new ExactSum(3).add(new PartitionSums(new double[] {1e16, 0, 3}, 2)));
    e.add(new PartitionSums(new double[] {1, 0, 0}, 1)).add(new PartitionSums(new double[] {-1e16, 0, 0}, 1));
    assertArrayEquals(new double[] {1.0, 0, 3}, e.toDoubles(), 0.0, "1e16 + 1 - 1e16 exactly, across the write");
    assertEquals(4, e.rows());
  }

  @Test
  void ourSessionsTurnOnKryoAndItsBulkCopiesUnlessTheUserChoseOtherwise() {
    SparkConf defaults = BlockKryoRegistrator.configure(new SparkConf(false));
    assertEquals(KryoSerializer.class.getName(), defaults.get("spark.serializer"));
    assertEquals(BlockKryoRegistrator.class.getName(), defaults.get("spark.kryo.registrator"));
    assertEquals("true", defaults.get("spark.kryo.unsafe"));
    SparkConf chosen = BlockKryoRegistrator.configure(new SparkConf(false)
        .set("spark.kryo.unsafe", "false").set("spark.serializer", "org.apache.spark.serializer.JavaSerializer"));
    assertEquals("false", chosen.get("spark.kryo.unsafe"));
    assertEquals("org.apache.spark.serializer.JavaSerializer", chosen.get("spark.serializer"));
  }

  @Test
  void float32HalvesTheFeatureBytes() {
    DenseBlock d = dense(4096, 10, 2);
    int doubleBytes = write(d).remaining();
    int floatBytes = write(DenseFloatBlock.of(d)).remaining();
    // features 40960 x 8 vs x 4 bytes; the 4096 double labels (32 KB) are in both
    assertEquals(4096 * 10 * 8 + 4096 * 8, doubleBytes, 200);
    assertEquals(4096 * 10 * 4 + 4096 * 8, floatBytes, 200);
  }
}

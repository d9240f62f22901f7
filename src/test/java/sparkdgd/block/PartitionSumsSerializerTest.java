package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.reflect.ClassTag$;

/**
 * A task's sums through Kryo as Spark sends them to the driver: every value back with its bits (a zero with its
 * sign), whatever the width and the share of zeros; wide sums mostly zero in fewer bytes than their doubles.
 */
class PartitionSumsSerializerTest {
  private static final int WIDE = PartitionSumsSerializer.SPARSE_MIN_WIDTH * 3 + 7;

  private static SerializerInstance kryo(boolean unsafe) {
    return new KryoSerializer(new SparkConf()
        .set("spark.kryo.registrationRequired", "true")
        .set("spark.kryo.unsafe", Boolean.toString(unsafe))
        .set("spark.kryo.registrator", BlockKryoRegistrator.class.getName())).newInstance();
  }

  /** {@code width} values, each non-zero with probability {@code density}, among them every kind of double. */
  private static double[] sums(int width, double density, long seed) {
    Random r = new Random(seed);
    double[] special = {-0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
        -Double.MAX_VALUE, Double.longBitsToDouble(0x7ff8_0000_0000_0123L)};
    double[] s = new double[width];
    for (int j = 0; j < width; j++) {
      if (r.nextDouble() < density) {
        s[j] = r.nextInt(20) == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * Math.pow(10, r.nextInt(9));
      }
    }
    return s;
  }

  /** Every value's bits; a NaN's payload only where {@code payloads} (Kryo keeps them with spark.kryo.unsafe only). */
  private static void assertSameBits(double[] expected, double[] actual, boolean payloads, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int j = 0; j < expected.length; j++) {
      if (payloads || !Double.isNaN(expected[j]) || !Double.isNaN(actual[j])) {
        assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(actual[j]), what + " at " + j);
      }
    }
  }

  private static int roundTrip(SerializerInstance kryo, boolean unsafe, double[] s, long rows, String what) {
    ByteBuffer bytes = kryo.serialize(new PartitionSums(s, rows), ClassTag$.MODULE$.apply(Object.class));
    int size = bytes.remaining();
    PartitionSums back = (PartitionSums) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    assertEquals(rows, back.rows(), what);
    assertSameBits(s, back.sums(), unsafe, what);
    return size;
  }

  @ParameterizedTest(name = "spark.kryo.unsafe={0}")
  @ValueSource(booleans = {true, false})
  void everyValueComesBackWithItsBits(boolean unsafe) {
    SerializerInstance kryo = kryo(unsafe);
    for (double density : new double[] {0, 0.001, 0.1, 0.49, 0.5, 0.51, 0.9, 1}) {
      for (int width : new int[] {0, 1, 16, PartitionSumsSerializer.SPARSE_MIN_WIDTH - 1, WIDE}) {
        roundTrip(kryo, unsafe, sums(width, density, width * 31L + (long) (density * 1000)), 12_345_678_901L,
            width + " values, " + density + " non-zero");
      }
    }
    double[] ends = new double[WIDE];
    ends[0] = 1.5;
    ends[WIDE - 1] = -2.5;
    roundTrip(kryo, unsafe, ends, 3, "the first and last only");
    double[] far = new double[1 << 22]; // distances beyond a varint's first bytes
    far[(1 << 22) - 1] = 7;
    far[3] = -0.0;
    roundTrip(kryo, unsafe, far, 1, "two values 4 million apart");
  }

  @ParameterizedTest(name = "spark.kryo.unsafe={0}")
  @ValueSource(booleans = {true, false})
  void wideSumsMostlyZeroTakeFewerBytes(boolean unsafe) {
    SerializerInstance kryo = kryo(unsafe);
    int dense = 8 * WIDE;
    int fifth = roundTrip(kryo, unsafe, sums(WIDE, 0.2, 1), 10, "a fifth non-zero");
    assertTrue(fifth < 0.3 * dense, fifth + " bytes for a fifth of " + WIDE + " doubles");
    int half = roundTrip(kryo, unsafe, sums(WIDE, 0.45, 2), 10, "under half non-zero");
    assertTrue(half < 0.72 * dense, half + " bytes for under half of " + WIDE + " doubles");
    int most = roundTrip(kryo, unsafe, sums(WIDE, 0.9, 3), 10, "most non-zero");
    assertTrue(most >= dense && most < dense + 16, most + " bytes: written whole");
    int narrow = roundTrip(kryo, unsafe, new double[100], 10, "narrow zeros");
    assertTrue(narrow >= 800, narrow + " bytes: narrow sums are written whole");
  }
}

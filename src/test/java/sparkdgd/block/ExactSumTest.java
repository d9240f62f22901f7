package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

  @Test
  void keepsWhatNaiveDoubleAdditionLoses() {
    double naive = (1e16 + 1.0) + -1e16;
    assertEquals(0.0, naive, 0.0); // the 1 is lost in double arithmetic
    ExactSum s = new ExactSum(1)
        .add(new PartitionSums(new double[] {1e16}, 1))
        .add(new PartitionSums(new double[] {1.0}, 1))
        .add(new PartitionSums(new double[] {-1e16}, 1));
    assertArrayEquals(new double[] {1.0}, s.toDoubles(), 0.0);
    assertEquals(3, s.rows());
  }

  @Test
  void resultIsBitIdenticalWhateverTheMergeOrder() {
    Random rnd = new Random(1);
    List<PartitionSums> parts = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      parts.add(new PartitionSums(new double[] {rnd.nextGaussian() * 1e6, rnd.nextGaussian() * 1e-6}, p + 1));
    }
    double[] first = null;
    boolean naiveDiffered = false;
    double naiveFirst = Double.NaN;
    for (int trial = 0; trial < 20; trial++) {
      Collections.shuffle(parts, rnd);
      // merge as a tree of uneven pieces, as treeAggregate might
      ExactSum left = new ExactSum(2);
      ExactSum right = new ExactSum(2);
      double naive = 0;
      for (int i = 0; i < parts.size(); i++) {
        (i % 3 == 0 ? left : right).add(parts.get(i));
        naive += parts.get(i).sums()[0];
      }
      double[] total = (trial % 2 == 0 ? left.merge(right) : right.merge(left)).toDoubles();
      if (first == null) {
        first = total;
        naiveFirst = naive;
      }
      assertEquals(first[0], total[0], 0.0);
      assertEquals(first[1], total[1], 0.0);
      naiveDiffered |= naive != naiveFirst;
    }
    // the point of the exact sum: plain double addition does depend on the order here
    assertTrue(naiveDiffered, "plain double sums should have differed between orders");
  }

  @Test
  void rejectsMismatchedWidths() {
    ExactSum s = new ExactSum(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.add(new PartitionSums(new double[3], 0)));
    assertEquals("Expecting 2 sums but got 3", e.getMessage());
  }

  /** A diverging run's NaN or infinity comes out as IEEE addition would give it; finite positions stay exact. */
  @Test
  void nonFiniteSumsComeOutNonFiniteAndLeaveTheOthersExact() {
    double inf = Double.POSITIVE_INFINITY;
    ExactSum left = new ExactSum(4).add(new PartitionSums(new double[] {Double.NaN, inf, inf, 1e16}, 1));
    ExactSum right = new ExactSum(4).add(new PartitionSums(new double[] {1, 2, -inf, 1}, 1))
        .add(new PartitionSums(new double[] {0, 3, 0, -1e16}, 1));
    double[] total = left.merge(right).toDoubles();
    assertTrue(Double.isNaN(total[0]), "NaN + 1");
    assertEquals(inf, total[1], "inf + 2 + 3");
    assertTrue(Double.isNaN(total[2]), "inf - inf");
    assertEquals(1.0, total[3], "1e16 + 1 - 1e16, exactly (plain doubles give 0)");
    assertEquals(3, left.rows());
  }

  /**
   * The total is the exact sum rounded to the nearest double, ties to even: the same bits as a BigDecimal sum
   * rounded once, over values of every magnitude (subnormals too), heavy cancellation, and any split into
   * partitions merged in any order.
   */
  @Test
  void equalsTheRoundedBigDecimalSumToTheBit() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 3000; trial++) {
      int count = 1 + rnd.nextInt(40);
      int spread = trial % 3 == 0 ? 2000 : trial % 3 == 1 ? 60 : 8;
      int center = rnd.nextInt(2000) - 1000;
      double[] values = new double[count];
      for (int k = 0; k < count; k++) {
        int exponent = Math.max(-1074, Math.min(1000, center + rnd.nextInt(spread) - spread / 2));
        double v = Math.scalb(1 + rnd.nextDouble(), exponent) * (rnd.nextBoolean() ? 1 : -1);
        // every fourth value cancels an earlier one up to its last bits
        values[k] = k % 4 == 3 ? -values[k - 1] + Math.scalb(rnd.nextDouble(), exponent - 60) : v;
      }
      BigDecimal exact = BigDecimal.ZERO;
      ExactSum left = new ExactSum(1);
      ExactSum right = new ExactSum(1);
      for (double v : values) {
        exact = exact.add(new BigDecimal(v));
        (rnd.nextBoolean() ? left : right).add(new PartitionSums(new double[] {v}, 1));
      }
      double total = (rnd.nextBoolean() ? left.merge(right) : right.merge(left)).toDoubles()[0];
      assertEquals(exact.doubleValue(), total, 0.0, () -> "sum of " + java.util.Arrays.toString(values));
    }
  }

  /** Exactly half-way sums go to the even neighbour, and anything below the tie decides it. */
  @Test
  void tiesGoToEvenUnlessWhatIsBelowDecides() {
    double ulpHalf = Math.scalb(1.0, -53); // half an ulp of 1.0
    assertEquals(1.0, sum(1.0, ulpHalf), 0.0, "1 + half an ulp: a tie, 1.0 is even");
    assertEquals(Math.nextUp(1.0), sum(1.0, ulpHalf, Math.scalb(1.0, -200)), 0.0, "just above the tie");
    assertEquals(1.0, sum(1.0, ulpHalf, -Math.scalb(1.0, -200)), 0.0, "just below the tie");
    double odd = Math.nextUp(1.0);
    assertEquals(Math.nextUp(odd), sum(odd, ulpHalf), 0.0, "a tie from an odd last bit goes up to even");
    assertEquals(odd, sum(odd, ulpHalf, -Math.scalb(1.0, -300)), 0.0, "below that tie");
  }

  /** Partial sums beyond a double's range go on exactly; a total beyond it comes out infinite. */
  @Test
  void partialSumsBeyondTheRangeOfDoublesStayExact() {
    double max = Double.MAX_VALUE;
    // next to MAX_VALUE the two-sum's own subtraction overflows: these came out NaN
    assertEquals(new BigDecimal(-max).add(new BigDecimal(3e307)).doubleValue(), sum(-max, 3e307), 0.0);
    assertEquals(new BigDecimal(max).add(new BigDecimal(-8e307)).doubleValue(), sum(max, -8e307), 0.0);
    assertEquals(new BigDecimal(max).add(BigDecimal.ONE).add(new BigDecimal(-3e307)).doubleValue(),
        sum(max, 1.0, -3e307), 0.0);
    assertEquals(max, sum(max, max, -max), 0.0);
    assertEquals(1.0, sum(max, max, 1.0, -max, -max), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, sum(max, max), 0.0);
    ExactSum big = new ExactSum(1).add(new PartitionSums(new double[] {max}, 1))
        .add(new PartitionSums(new double[] {max}, 1));
    ExactSum back = new ExactSum(1).add(new PartitionSums(new double[] {-max}, 1))
        .add(new PartitionSums(new double[] {0.5}, 1));
    assertEquals(max, back.merge(big).toDoubles()[0], 0.0, "merged into a sum that went beyond");
  }

  /**
   * A wide sparse model's sums hold nothing for the positions that got no value, so the zero values that
   * treeAggregate serializes into every task stay small: about a byte a position here (its count of parts), against
   * about 60 when every position held its own array and 33 if its place in the shared array were written.
   */
  @Test
  void positionsWithoutValuesStaySmallWhenSerialized() throws Exception {
    int width = 100_000;
    double[] sparse = new double[width];
    sparse[7] = 1.5;
    sparse[70_000] = -2.25;
    ExactSum s = new ExactSum(width).add(new PartitionSums(sparse, 1));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    assertTrue(bytes.size() < 2 * width, bytes.size() + " bytes");
    double[] total = s.toDoubles();
    assertEquals(1.5, total[7], 0.0);
    assertEquals(-2.25, total[70_000], 0.0);
    assertEquals(0.0, total[8], 0.0);
  }

  /**
   * Sums written half-way (Java serialization, and Kryo as Spark's tree aggregation writes them between levels) and
   * read back go on to the same totals to the bit: positions with a few parts, with more than are kept in place
   * (values of far apart magnitudes), beyond the range of doubles, not finite, and empty.
   */
  @Test
  void writtenAndReadBackGoesOnToTheSameTotals() throws Exception {
    Random rnd = new Random(11);
    int width = 6;
    List<PartitionSums> first = new ArrayList<>();
    List<PartitionSums> second = new ArrayList<>();
    for (int p = 0; p < 24; p++) {
      double[] v = {
          rnd.nextGaussian(), // a few parts
          Math.scalb(1 + rnd.nextDouble(), 60 * p - 700), // one part for each magnitude: more than kept in place
          p < 4 ? (p % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE) : 1.0, // each half beyond doubles, then back
          p == 4 ? Double.POSITIVE_INFINITY : 2.0, // in the half written
          0.0,
          rnd.nextGaussian() * 1e10};
      (p % 2 == 0 ? first : second).add(new PartitionSums(v, 1));
    }
    ExactSum straight = new ExactSum(width);
    ExactSum half = new ExactSum(width);
    for (PartitionSums p : first) {
      straight.add(p);
      half.add(p);
    }
    org.apache.spark.serializer.SerializerInstance kryo = new org.apache.spark.serializer.KryoSerializer(
        BlockKryoRegistrator.configure(new org.apache.spark.SparkConf())).newInstance();
    scala.reflect.ClassTag<ExactSum> tag = scala.reflect.ClassTag$.MODULE$.apply(ExactSum.class);
    ExactSum viaKryo = kryo.deserialize(kryo.serialize(half, tag), tag);
    ExactSum viaJava = javaRoundTrip(half);
    ExactSum restSum = javaRoundTrip(new ExactSum(width)); // the zero value, as treeAggregate ships it
    for (PartitionSums p : second) {
      straight.add(p);
      viaKryo.add(p);
      restSum.add(p);
    }
    viaJava.merge(javaRoundTrip(restSum));
    double[] expected = straight.toDoubles();
    BigDecimal exact = BigDecimal.ZERO;
    for (PartitionSums p : first) {
      exact = exact.add(new BigDecimal(p.sums()[1]));
    }
    for (PartitionSums p : second) {
      exact = exact.add(new BigDecimal(p.sums()[1]));
    }
    assertEquals(exact.doubleValue(), expected[1], 0.0, "the many-part position against BigDecimal");
    assertEquals(20.0, expected[2], 0.0, "2 MAX_VALUE - 2 MAX_VALUE + 20");
    assertEquals(Double.POSITIVE_INFINITY, expected[3]);
    assertEquals(0.0, expected[4], 0.0);
    assertArrayEquals(expected, viaKryo.toDoubles(), 0.0, "through Kryo");
    assertArrayEquals(expected, viaJava.toDoubles(), 0.0, "through Java serialization, then merged");
    assertEquals(24, viaKryo.rows());
    assertEquals(24, viaJava.rows());
  }

  private static ExactSum javaRoundTrip(ExactSum s) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (ExactSum) in.readObject();
    }
  }

  /** Parts that do not overlap can pass a count's 127 at one position (many partitions): the sum stays exact. */
  @Test
  void aPositionOfMorePartsThanACountHoldsStaysExact() {
    ExactSum s = new ExactSum(1);
    BigDecimal exact = BigDecimal.ZERO;
    for (int k = 0; k < 200; k++) {
      double v = Math.scalb(1.0 + k / 256.0, 1000 - 10 * k) * (k % 3 == 0 ? -1 : 1); // far apart: one part each
      s.add(new PartitionSums(new double[] {v}, 1));
      exact = exact.add(new BigDecimal(v));
    }
    assertEquals(exact.doubleValue(), s.toDoubles()[0], 0.0);
  }

  private static double sum(double... values) {
    ExactSum s = new ExactSum(1);
    for (double v : values) {
      s.add(new PartitionSums(new double[] {v}, 1));
    }
    return s.toDoubles()[0];
  }
}

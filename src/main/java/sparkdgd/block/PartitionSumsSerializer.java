package sparkdgd.block;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes a task's {@link PartitionSums} as its row count and its sums in one bulk copy (with
 * {@code spark.kryo.unsafe}). They went through Java serialization, a double at a time, since Kryo's field
 * serializer cannot set a record's final fields: for a 3e6-feature model that was 24 MB a task written and read
 * value by value every pass.
 *
 * <p>Wide sums mostly zero are written as their non-zero values only, each after its distance from the one before:
 * a partition of LIBSVM rows touches only some of a wide model's features, and every task's result crosses the
 * driver's heap whole (in local mode, serialized, stored and fetched through the block manager in that one heap),
 * which is what bounded wide models there. Zeros are told by their bits, so a {@code -0.0} is written, and every
 * value comes back as the dense layout brings it back (with its bits, but for a NaN's payload, which Kryo keeps
 * only with {@code spark.kryo.unsafe}).
 */
final class PartitionSumsSerializer extends Serializer<PartitionSums> {
  /** Sums narrower than this are always written whole: the count of non-zeros is not worth its pass. */
  static final int SPARSE_MIN_WIDTH = 4096;

  private static final byte DENSE = 0;
  private static final byte SPARSE = 1;

  @Override
  public void write(Kryo kryo, Output output, PartitionSums sums) {
    double[] s = sums.sums();
    output.writeVarLong(sums.rows(), true);
    output.writeVarInt(s.length, true);
    int nonZero = s.length >= SPARSE_MIN_WIDTH ? nonZero(s) : s.length;
    // each non-zero written alone takes its 8 bytes and 1-3 of distance: from half the width down, at most about
    // 70% of the dense bytes
    if (nonZero <= s.length / 2) {
      output.writeByte(SPARSE);
      output.writeVarInt(nonZero, true);
      for (int j = 0, previous = -1; j < s.length; j++) {
        if (Double.doubleToRawLongBits(s[j]) != 0) {
          output.writeVarInt(j - previous, true);
          output.writeDouble(s[j]);
          previous = j;
        }
      }
    } else {
      output.writeByte(DENSE);
      output.writeDoubles(s);
    }
  }

  @Override
  public PartitionSums read(Kryo kryo, Input input, Class<PartitionSums> type) {
    long rows = input.readVarLong(true);
    int width = input.readVarInt(true);
    byte layout = input.readByte();
    if (layout == DENSE) {
      return new PartitionSums(input.readDoubles(width), rows);
    }
    if (layout != SPARSE) {
      throw new KryoException("Partition sums in an unknown layout " + layout);
    }
    double[] s = new double[width];
    int nonZero = input.readVarInt(true);
    for (int k = 0, j = -1; k < nonZero; k++) {
      j += input.readVarInt(true);
      s[j] = input.readDouble();
    }
    return new PartitionSums(s, rows);
  }

  /** How many values of {@code s} are not {@code +0.0}. */
  private static int nonZero(double[] s) {
    int n = 0;
    for (double v : s) {
      n += Double.doubleToRawLongBits(v) != 0 ? 1 : 0;
    }
    return n;
  }
}

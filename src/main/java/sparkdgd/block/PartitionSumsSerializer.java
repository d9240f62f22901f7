package sparkdgd.block;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes a task's {@link PartitionSums} as its row count and its sums in one bulk copy (with
 * {@code spark.kryo.unsafe}). They went through Java serialization, a double at a time, since Kryo's field
 * serializer cannot set a record's final fields: for a 3e6-feature model that was 24 MB a task written and read
 * value by value every pass.
 */
final class PartitionSumsSerializer extends Serializer<PartitionSums> {
  @Override
  public void write(Kryo kryo, Output output, PartitionSums sums) {
    output.writeVarLong(sums.rows(), true);
    output.writeVarInt(sums.sums().length, true);
    output.writeDoubles(sums.sums());
  }

  @Override
  public PartitionSums read(Kryo kryo, Input input, Class<PartitionSums> type) {
    long rows = input.readVarLong(true);
    int width = input.readVarInt(true);
    return new PartitionSums(input.readDoubles(width), rows);
  }
}

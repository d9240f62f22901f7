package sparkdgd.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import sparkdgd.block.BlockBuilder;
import sparkdgd.block.DenseBlock;
import sparkdgd.config.GenerateConfig;
import sparkdgd.config.GeneratedLabels;
import sparkdgd.generate.SyntheticRows;

/**
 * The benchmark's synthetic data, the same generator as {@code generate} ({@link SyntheticRows}): partition
 * {@code p} makes its rows from {@code (seed, p)} alone, every feature {@code U(0,1)},
 * {@code y = w.x + b + noise * N(0,1)} with {@code w} from the seed ({@link GenerateConfig#defaultCoefficients}).
 * So a task and the driver that asks for the same partition get the same rows, value for value.
 */
public record DataSpec(long rows, int features, int partitions, int blockRows, long seed, double intercept,
    double noise) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The intercept and noise every benchmark size uses. */
  public static final double INTERCEPT = 0.5;
  public static final double NOISE = 0.1;

  public static DataSpec of(Size size, int partitions, int blockRows, long seed) {
    return new DataSpec(size.rows(), size.features(), partitions, blockRows, seed, INTERCEPT, NOISE);
  }

  public double[] coefficients() {
    return GenerateConfig.defaultCoefficients(features, seed);
  }

  /** Rows of partition {@code p}. */
  public SyntheticRows rowsOf(int p) {
    return new SyntheticRows(seed, p, SyntheticRows.rowsOf(p, rows, partitions), coefficients(), intercept,
        GeneratedLabels.LINEAR, noise, 0);
  }

  /** Partition {@code p}'s rows packed into dense blocks of {@link #blockRows()} rows, made lazily. */
  public Iterator<DenseBlock> blocksOf(int p) {
    SyntheticRows source = rowsOf(p);
    BlockBuilder builder = new BlockBuilder(features, blockRows);
    double[] x = new double[features];
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public DenseBlock next() {
        if (!source.hasNext()) {
          throw new NoSuchElementException();
        }
        while (source.hasNext() && !builder.isFull()) {
          double y = source.next(x);
          System.arraycopy(x, 0, builder.featureSlot(), builder.slotOffset(), features);
          builder.commitRow(y);
        }
        return builder.build();
      }
    };
  }

  /** Every partition's blocks, in partition order, built in this JVM (for the plain-Java loop). */
  public List<DenseBlock> localBlocks() {
    List<DenseBlock> all = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      blocksOf(p).forEachRemaining(all::add);
    }
    return all;
  }

  /** Bytes of the packed blocks: features at {@code bytesPerValue} each plus one double label per row. */
  public long blockBytes(int bytesPerValue) {
    return blockBytes(rows, features, bytesPerValue);
  }

  /** Bytes of {@code rows} packed rows of {@code features} values at {@code bytesPerValue} each and a double label. */
  static long blockBytes(long rows, int features, int bytesPerValue) {
    return rows * ((long) features * bytesPerValue + Double.BYTES);
  }
}

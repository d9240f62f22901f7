package sparkdgd.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.generate.SyntheticRows;

/**
 * The benchmark's data sets, made on the executors from a {@link DataSpec} (one task per partition, no
 * data through the driver) and cached in memory ({@code MEMORY_ONLY}, deserialized): our packed blocks in
 * float64 and float32 (and serialized copies of both), MLlib's RDD of {@code (label, Vector)} and ML's
 * DataFrame of {@code (label, features)}.
 * All hold the same rows in the same partitions. Each method materializes its data set before returning,
 * so building it is not timed as part of a measurement.
 */
public final class CachedData {
  private CachedData() {}

  /** Our float64 blocks. */
  public static JavaRDD<Block> blocks(JavaSparkContext jsc, DataSpec spec) {
    JavaRDD<Block> rdd = partitions(jsc, spec).mapPartitionsWithIndex(
        (p, ignored) -> widen(spec.blocksOf(p)), true);
    return cache(rdd, "benchmark blocks float64 " + spec.rows() + " x " + spec.features());
  }

  /** The same blocks rounded to float ({@link DenseFloatBlock#of}). */
  public static JavaRDD<Block> floatBlocks(JavaRDD<Block> blocks, DataSpec spec) {
    JavaRDD<Block> rdd = blocks.map(b -> (Block) DenseFloatBlock.of((DenseBlock) b));
    return cache(rdd, "benchmark blocks float32 " + spec.rows() + " x " + spec.features());
  }

  /**
   * The same blocks cached {@code MEMORY_ONLY_SER}: Kryo bytes in memory, turned back into blocks by every
   * pass (where an epoch reads bytes, as with spilled or serialized caches).
   */
  public static JavaRDD<Block> serialized(JavaRDD<Block> blocks, String name) {
    return cache(blocks.map(b -> b), name, StorageLevel.MEMORY_ONLY_SER());
  }

  /**
   * MLlib's input: {@code (label, [x_1..x_d, 1])}. {@code GradientDescent} has no intercept of its own, so
   * a constant 1 is appended as the last feature and its weight is the intercept.
   */
  public static JavaRDD<Tuple2<Object, Vector>> mllibRows(JavaSparkContext jsc, DataSpec spec) {
    int d = spec.features();
    JavaRDD<Tuple2<Object, Vector>> rdd = partitions(jsc, spec).mapPartitionsWithIndex((p, ignored) -> {
      SyntheticRows rows = spec.rowsOf(p);
      return new Iterator<Tuple2<Object, Vector>>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Tuple2<Object, Vector> next() {
          double[] x = new double[d + 1];
          double y = rows.next(x); // writes x[0..d)
          x[d] = 1.0;
          return new Tuple2<>(y, Vectors.dense(x));
        }
      };
    }, true);
    return cache(rdd, "benchmark MLlib rows " + spec.rows() + " x " + spec.features());
  }

  /** ML's input: a DataFrame with {@code label} (double) and {@code features} (ml Vector, no constant column). */
  public static Dataset<Row> mlFrame(SparkSession spark, DataSpec spec) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int d = spec.features();
    JavaRDD<Row> rows = partitions(jsc, spec).mapPartitionsWithIndex((p, ignored) -> {
      SyntheticRows source = spec.rowsOf(p);
      return new Iterator<Row>() {
        @Override
        public boolean hasNext() {
          return source.hasNext();
        }

        @Override
        public Row next() {
          double[] x = new double[d];
          double y = source.next(x);
          return RowFactory.create(y, org.apache.spark.ml.linalg.Vectors.dense(x));
        }
      };
    }, true);
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    Dataset<Row> df = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_ONLY());
    df.count();
    return df;
  }

  private static JavaRDD<Integer> partitions(JavaSparkContext jsc, DataSpec spec) {
    List<Integer> ids = new ArrayList<>(IntStream.range(0, spec.partitions()).boxed().toList());
    return jsc.parallelize(ids, spec.partitions());
  }

  private static <T> JavaRDD<T> cache(JavaRDD<T> rdd, String name) {
    return cache(rdd, name, StorageLevel.MEMORY_ONLY());
  }

  private static <T> JavaRDD<T> cache(JavaRDD<T> rdd, String name, StorageLevel level) {
    rdd.setName(name).persist(level);
    rdd.count();
    return rdd;
  }

  private static Iterator<Block> widen(Iterator<? extends Block> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Block next() {
        return it.next();
      }
    };
  }
}

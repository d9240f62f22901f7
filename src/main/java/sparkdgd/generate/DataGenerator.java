package sparkdgd.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import sparkdgd.config.GenerateConfig;
import sparkdgd.config.GeneratedLabels;
import sparkdgd.config.InputFormat;
import sparkdgd.output.SparkWrite;

/**
 * Writes a synthetic regression data set with Spark: one task per partition makes its rows from
 * {@code (seed, partition)} ({@link SyntheticRows}) and streams them to its own file, so nothing is
 * built on the driver. The files and {@code _truth.json} (the true coefficients) are written into a
 * staging directory that is renamed into place at the end ({@link StagedDirectory}).
 */
public final class DataGenerator {
  public static final String TRUTH_FILE = "_truth.json";
  static final long ROWS_PER_AUTO_PARTITION = 1_000_000;

  private DataGenerator() {}

  /** What was written; {@code ones} counts the rows labelled 1 (logistic labels; 0 for linear ones). */
  public record Result(String output, long rows, int partitions, List<String> files, long ones) {}

  public static Result run(SparkSession spark, GenerateConfig c) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StagedDirectory dir = StagedDirectory.prepare(jsc.hadoopConfiguration(), c.output(), c.overwrite());
    int partitions = c.partitions() > 0 ? c.partitions()
        : (int) Math.min(c.rows(), Math.max(jsc.defaultParallelism(),
            (c.rows() + ROWS_PER_AUTO_PARTITION - 1) / ROWS_PER_AUTO_PARTITION));
    JavaRDD<Integer> parts = jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions);
    long seed = c.seed();
    long total = c.rows();
    double[] w = c.coefficients();
    double b = c.intercept();
    GeneratedLabels labels = c.labels();
    double noise = c.noise();
    double sparsity = c.sparsity();
    int d = c.features();
    InputFormat format = c.format();
    LongAccumulator ones = jsc.sc().longAccumulator("generated rows labelled 1");
    jsc.setJobDescription("generate " + total + " rows x " + d + " features (" + format + ")");
    try {
      List<String> files = dir.write(staging -> SparkWrite.run(spark.sparkContext(), () -> {
        if (format == InputFormat.PARQUET) {
          JavaRDD<Row> rows = parts.mapPartitionsWithIndex((p, ignored) -> rows(
              new SyntheticRows(seed, p, SyntheticRows.rowsOf(p, total, partitions), w, b, labels, noise,
                  sparsity), d, ones), true);
          spark.createDataFrame(rows, schema(d)).write().parquet(staging);
        } else {
          JavaRDD<String> lines = parts.mapPartitionsWithIndex((p, ignored) -> lines(
              new SyntheticRows(seed, p, SyntheticRows.rowsOf(p, total, partitions), w, b, labels, noise,
                  sparsity), d, format, labels == GeneratedLabels.LOGISTIC, ones), true);
          spark.createDataset(lines.rdd(), Encoders.STRING()).write().text(staging);
        }
      }), format.extension(), Map.of(TRUTH_FILE, truthJson(c, partitions)));
      return new Result(dir.path().toString(), total, partitions, files, labels == GeneratedLabels.LOGISTIC
          ? ones.value() : 0);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  private static StructType schema(int d) {
    List<StructField> fields = new ArrayList<>();
    for (int j = 1; j <= d; j++) {
      fields.add(DataTypes.createStructField("x" + j, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField("y", DataTypes.DoubleType, false));
    return DataTypes.createStructType(fields);
  }

  private static Iterator<Row> rows(SyntheticRows source, int d, LongAccumulator ones) {
    double[] x = new double[d];
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        double y = source.next(x);
        if (y == 1) {
          ones.add(1);
        }
        Object[] values = new Object[d + 1];
        for (int j = 0; j < d; j++) {
          values[j] = x[j];
        }
        values[d] = y;
        return RowFactory.create(values);
      }
    };
  }

  /** The CSV header (every file has one) and then one line per row. */
  private static Iterator<String> lines(SyntheticRows source, int d, InputFormat format, boolean classLabels,
      LongAccumulator ones) {
    double[] x = new double[d];
    StringBuilder sb = new StringBuilder();
    return new Iterator<>() {
      private boolean headerDone = format != InputFormat.CSV;

      @Override
      public boolean hasNext() {
        return !headerDone || source.hasNext();
      }

      @Override
      public String next() {
        if (!headerDone) {
          headerDone = true;
          return RowText.header(d);
        }
        if (!source.hasNext()) {
          throw new NoSuchElementException();
        }
        double y = source.next(x);
        if (y == 1) {
          ones.add(1);
        }
        return RowText.line(format, x, y, classLabels, sb);
      }
    };
  }

  static byte[] truthJson(GenerateConfig c, int partitions) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("description", (c.labels() == GeneratedLabels.LOGISTIC
        ? "y = 1 with probability 1 / (1 + exp(-(sum coefficients[j] * x(j+1) + intercept))), else 0"
        : "y = sum coefficients[j] * x(j+1) + intercept + noise * N(0,1)") + "; x_j ~ U(0,1), zero with "
        + "probability sparsity");
    json.put("labels", c.labels().toString());
    json.put("rows", c.rows());
    json.put("features", c.features());
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= c.features(); j++) {
      names.add("x" + j);
    }
    json.put("featureNames", names);
    json.put("coefficients", c.coefficients());
    json.put("intercept", c.intercept());
    json.put("noise", c.noise());
    json.put("sparsity", c.sparsity());
    json.put("seed", c.seed());
    json.put("partitions", partitions);
    json.put("format", c.format().toString());
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + TRUTH_FILE, e);
    }
  }
}

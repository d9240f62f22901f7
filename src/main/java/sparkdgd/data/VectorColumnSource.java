package sparkdgd.data;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.UserDefinedType;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;
import sparkdgd.block.SparseBlockBuilder;
import sparkdgd.config.BlockSize;

/**
 * Parquet (or any DataFrame) with the features in one column, a Spark ML {@code Vector} (as written by
 * {@code VectorAssembler} pipelines) or an array of numbers (read as a dense vector, {@link FeatureVectors}), and a
 * numeric label column. A block whose first vector is sparse is packed
 * as a sparse block, one whose first vector is dense and mostly non-zeros as a dense one where dense blocks of the
 * data's width fit ({@link BlockSize#MAX_VALUES}), else sparse too; either kind of vector fits either block. (The choice was the
 * partition's first vector's: one dense row at the start of a file of 100,000 sparse features made every block of
 * its partition dense, refused as 409,600,000 values a block.) The feature count is {@code --num-features}, or the
 * size of the first vector; a vector of another size is a bad record. Features are named as the column's Spark ML
 * attributes name its slots ({@code VectorAssembler}'s input columns, {@link SlotNames}), else {@code x1..xD}.
 */
final class VectorColumnSource {
  private VectorColumnSource() {}

  /**
   * @param label  the numeric label column ({@link ParquetColumns#choose})
   * @param weight the numeric column of the rows' weights ({@code --weight-col}), or null
   */
  static LoadedData load(Dataset<Row> df, String data, int files, String vectorCol, String label,
      int numFeatures, int partitions, int blockRows, BadRecords bad, LabelRule labels, FeatureLimit limit,
      String weight) {
    Column features = col(quote(vectorCol));
    final String kind = FeatureVectors.kind(df.select(features).schema().fields()[0].dataType());
    final boolean array = kind.equals("array");
    if (array) { // of any number type: read as doubles
      features = features.cast(DataTypes.createArrayType(DataTypes.DoubleType, true));
    }
    // the weight's place is taken by the label again when there is none, so that the file's place is always at 3
    Dataset<Row> rows = df.select(features, col(quote(label)).cast(DataTypes.DoubleType),
        col(quote(weight != null ? weight : label)).cast(DataTypes.DoubleType),
        col("_metadata.file_path"), col("_metadata.row_index"));
    int dims = numFeatures;
    if (dims > 0) { // checked before the names and blocks of that width exist
      limit.checkGiven(dims);
    } else {
      List<Row> first = rows.filter(col(quote(vectorCol)).isNotNull()).limit(1).collectAsList();
      if (first.isEmpty()) {
        throw InputError.of(data, "the " + kind + " column \"" + vectorCol + "\" holds no " + kind + "; check --data");
      }
      dims = FeatureVectors.size(first.get(0).get(0));
      if (dims == 0) {
        throw InputError.of(data, "the first " + kind + " of \"" + vectorCol + "\" is empty; pass --num-features"
            + (array ? " with the arrays' length, and drop the empty arrays (or --on-bad-record skip): an array holds "
                + "every feature" : ""));
      }
      if (!limit.allows(dims)) {
        throw InputError.of(first.get(0).getString(3), limit.vectorTooLarge(vectorCol, dims));
      }
    }
    rows = ParquetPartitions.of(rows, partitions);
    final int d = dims;
    final String vectorName = vectorCol;
    final String labelName = label;
    // Spark's internal rows, as ParquetSource reads them: an array's doubles are copied out of the reader's row, not
    // boxed into a Seq one Double at a time. 2e6 rows x 20 (session 37, quiet): an array column read and cached in
    // 6.8-7.0 s, 7.2-7.4 through Row objects; the same numbers as columns 5.8-6.2 s, as a vector column 6.9-7.3
    // either way
    JavaRDD<Block> blocks = rows.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(it -> pack(it, d, blockRows, vectorName, array, labelName, weight, bad, labels));
    return LoadedData.ofVectors(blocks, SlotNames.of(df.schema().apply(vectorCol), dims, label), label, files,
        vectorName).withWeightName(weight);
  }

  /**
   * @param array     whether the column holds arrays of doubles, else Spark ML vectors
   * @param weightCol the column of the rows' weights (the row's third value), or null (the label again there)
   */
  private static Iterator<Block> pack(Iterator<InternalRow> rows, int dims, int blockRows, String vectorCol,
      boolean array, String labelCol, String weightCol, BadRecords bad, LabelRule labels) {
    @SuppressWarnings("unchecked")
    final UserDefinedType<Vector> vectors = (UserDefinedType<Vector>) SQLDataTypes.VectorType();
    final String kind = array ? "array" : "vector";
    return new Iterator<>() {
      private BlockBuilder dense;
      private SparseBlockBuilder sparse;
      /** Whether the block being filled is dense; null before its first row. */
      private Boolean denseNow;
      private Block next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          while (rows.hasNext() && !full()) {
            add(rows.next());
          }
          next = empty() ? null : (denseNow ? dense.build() : sparse.build());
          denseNow = null; // the next block's layout follows its own first vector
        }
        return next != null;
      }

      @Override
      public Block next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Block b = next;
        next = null;
        return b;
      }

      private boolean full() {
        return denseNow != null && (denseNow ? dense.isFull() : sparse.isFull());
      }

      private boolean empty() {
        return denseNow == null || (denseNow ? dense.isEmpty() : sparse.isEmpty());
      }

      /** {@code problem} at the row's file and place in it, read after the vector, the label and the weight. */
      private InputError badRow(InternalRow row, String problem) {
        return InputError.atRow(row.getUTF8String(3).toString(), row.getLong(4), problem);
      }

      private void add(InternalRow row) {
        if (row.isNullAt(0) || row.isNullAt(1) || row.isNullAt(2)) {
          bad.reject(badRow(row, String.format("column \"%s\" has a null value; fill or drop the nulls before "
              + "training", row.isNullAt(0) ? vectorCol : row.isNullAt(1) ? labelCol : weightCol)));
          return;
        }
        double weight = weightCol != null ? row.getDouble(2) : 1; // else the label's place taken again
        if (weightCol != null) {
          String problem = !Double.isFinite(weight) ? String.format("column \"%s\" holds %s; training needs finite "
              + "values", weightCol, weight) : WeightRule.refusal(weightCol, String.valueOf(weight), weight);
          if (problem != null) {
            bad.reject(badRow(row, problem));
            return;
          }
        }
        ArrayData elements = array ? row.getArray(0) : null;
        double y = row.getDouble(1);
        Vector v = array ? null : vectors.deserialize(row.getStruct(0, 4)); // Spark ML's four fields of a vector
        int size = array ? elements.numElements() : v.size();
        if (size != dims) {
          bad.reject(badRow(row, String.format("%s in \"%s\" has %d entries, expected %d (the first %s's "
              + "size, or --num-features)", FeatureVectors.withArticle(kind), vectorCol, size, dims, kind)));
          return;
        }
        if (array) {
          try {
            v = FeatureVectors.of(elements);
          } catch (FeatureVectors.NullElement e) {
            bad.reject(badRow(row, String.format("an array in \"%s\" has a null value (element %d); fill or drop "
                + "the nulls before training", vectorCol, e.index() + 1)));
            return;
          }
        }
        if (!Double.isFinite(y)) {
          bad.reject(badRow(row, String.format("column \"%s\" holds %s; training needs finite values", labelCol,
              y)));
          return;
        }
        String refusal = labels.refusal(labelCol, String.valueOf(y), y);
        if (refusal != null) {
          bad.reject(badRow(row, refusal), false);
          return;
        }
        y = labels.stored(y);
        if (denseNow == null) { // the block's first row: its layout, the builders made once
          // dense where the vector is mostly non-zeros and dense blocks fit: one DenseVector of mostly zeros first
          // among sparse ones had made a block of 4096 x 30,000 values (983 MB cached, 9 GB of heap)
          denseNow = v instanceof DenseVector && 2L * v.numNonzeros() > dims
              && (long) dims * BlockSize.denseRows(dims, blockRows) <= BlockSize.MAX_VALUES;
          if (denseNow && dense == null) {
            dense = new BlockBuilder(dims, BlockSize.denseRows(dims, blockRows), weightCol != null);
          } else if (!denseNow && sparse == null) {
            sparse = new SparseBlockBuilder(dims, BlockSize.sparseRows(blockRows), weightCol != null);
          }
        }
        double[] values = v instanceof SparseVector s ? s.values() : ((DenseVector) v).values();
        for (double x : values) {
          if (!Double.isFinite(x)) {
            bad.reject(badRow(row, String.format("%s in \"%s\" holds %s; training needs finite values",
                FeatureVectors.withArticle(kind), vectorCol, x)));
            return;
          }
        }
        if (!denseNow) {
          if (v instanceof SparseVector s) {
            int[] idx = s.indices();
            for (int k = 0; k < idx.length; k++) {
              sparse.add(idx[k], values[k]);
            }
          } else {
            for (int j = 0; j < dims; j++) {
              sparse.add(j, values[j]);
            }
          }
          sparse.commitRow(y, weight);
        } else {
          double[] slot = dense.featureSlot();
          int off = dense.slotOffset();
          java.util.Arrays.fill(slot, off, off + dims, 0.0);
          if (v instanceof SparseVector s) {
            int[] idx = s.indices();
            for (int k = 0; k < idx.length; k++) {
              slot[off + idx[k]] = values[k];
            }
          } else {
            System.arraycopy(values, 0, slot, off, dims);
          }
          dense.commitRow(y, weight);
        }
      }
    };
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}

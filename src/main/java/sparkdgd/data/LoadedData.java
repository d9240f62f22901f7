package sparkdgd.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;

/**
 * Training data as packed blocks (not yet materialised) and what the columns are.
 *
 * @param blocks       the blocks, one RDD partition per input split
 * @param featureNames feature names, in model order
 * @param labelName    the label column
 * @param files        number of input files
 * @param unread       the input's columns left out because they hold no numbers or are pandas' index (Parquet read
 *                     without --features), or are held in folder names ({@link PartitionFolders}), as "name (why)"
 * @param featuresColumn the vector or array column holding the features (Parquet), whose elements are {@code
 *                     featureNames}; null when each feature is a column of its own
 * @param weightName   the column of the rows' weights ({@code --weight-col}), null when they have none
 */
public record LoadedData(JavaRDD<Block> blocks, List<String> featureNames, String labelName, int files,
    List<String> unread, String featuresColumn, String weightName) {
  /** How the description of an unread column that holds no numbers ends ({@link #unread}). */
  public static final String NOT_NUMBERS = ": not numbers)";

  public LoadedData {
    unread = List.copyOf(unread);
  }

  /** Data with every column read, or chosen by --features. */
  public LoadedData(JavaRDD<Block> blocks, List<String> featureNames, String labelName, int files) {
    this(blocks, featureNames, labelName, files, List.of(), null, null);
  }

  /** Data read with its unread columns and vector column, without weights. */
  public LoadedData(JavaRDD<Block> blocks, List<String> featureNames, String labelName, int files,
      List<String> unread, String featuresColumn) {
    this(blocks, featureNames, labelName, files, unread, featuresColumn, null);
  }

  /** Data whose features are the elements of the vector or array column {@code featuresColumn}. */
  public static LoadedData ofVectors(JavaRDD<Block> blocks, List<String> featureNames, String labelName, int files,
      String featuresColumn) {
    return new LoadedData(blocks, featureNames, labelName, files, List.of(), featuresColumn, null);
  }

  /** The same data, with {@code columns} left out of the input's. */
  public LoadedData withUnread(List<String> columns) {
    return new LoadedData(blocks, featureNames, labelName, files, columns, featuresColumn, weightName);
  }

  /** The same data over {@code other} blocks (e.g. rounded to float). */
  public LoadedData withBlocks(JavaRDD<Block> other) {
    return new LoadedData(other, featureNames, labelName, files, unread, featuresColumn, weightName);
  }

  /** The same data, whose rows are weighed by the column {@code column} (null: none). */
  public LoadedData withWeightName(String column) {
    return new LoadedData(blocks, featureNames, labelName, files, unread, featuresColumn, column);
  }

  public int dims() {
    return featureNames.size();
  }
}

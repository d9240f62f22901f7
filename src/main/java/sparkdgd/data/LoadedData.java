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
 */
public record LoadedData(JavaRDD<Block> blocks, List<String> featureNames, String labelName, int files) {
  public int dims() {
    return featureNames.size();
  }
}

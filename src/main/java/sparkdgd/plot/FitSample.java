package sparkdgd.plot;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.output.LinearModel;

/**
 * Points for {@code fit.png}, drawn from the cached blocks: for one feature, (feature, label); for
 * several, (prediction, label). Each partition keeps each row with probability {@code max / rows}
 * (seeded by the partition index, so the same run gives the same picture), so about {@code max}
 * points reach the driver however large the data; the few over {@code max} are cut.
 *
 * @param x          the feature (one feature) or the prediction (several)
 * @param y          the labels
 * @param predicted  whether {@code x} holds predictions
 * @param rows       rows the sample was drawn from
 */
public record FitSample(double[] x, double[] y, boolean predicted, long rows) {

  public static FitSample draw(JavaRDD<Block> blocks, LinearModel model, long rows, int max, long seed) {
    double fraction = rows <= max ? 1.0 : (double) max / rows;
    double[] w = model.coefficients();
    double b = model.intercept();
    boolean predicted = w.length != 1;
    List<double[]> pairs = blocks.mapPartitionsWithIndex((index, it) -> sample(it, w, b, predicted, fraction,
        seed * 1_000_003L + index), false).collect();
    int n = Math.min(max, pairs.size());
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = pairs.get(i)[0];
      y[i] = pairs.get(i)[1];
    }
    return new FitSample(x, y, predicted, rows);
  }

  private static Iterator<double[]> sample(Iterator<Block> it, double[] w, double b, boolean predicted,
      double fraction, long seed) {
    Random rnd = new Random(seed);
    List<double[]> out = new ArrayList<>();
    while (it.hasNext()) {
      Block block = it.next();
      double[] ys = block.labels();
      for (int i = 0; i < block.rows(); i++) {
        if (fraction < 1 && rnd.nextDouble() >= fraction) {
          continue;
        }
        double x = predicted ? block.dot(i, w) + b : block.value(i, 0);
        out.add(new double[] {x, ys[i]});
      }
    }
    return out.iterator();
  }

  public int size() {
    return x.length;
  }
}

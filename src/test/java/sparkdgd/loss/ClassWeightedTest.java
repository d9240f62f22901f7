package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;
import sparkdgd.config.ClassWeights;
import sparkdgd.testing.SparkTestSession;

/**
 * A class-weighted logistic loss is the logistic loss over rows weighing their weight times their class's: its value,
 * its gradient and its Hessian passes (the automatic step's) equal those over blocks holding the products as weights
 * (the class weights taken over the larger of them, which changes no mean).
 */
@Tag("spark")
class ClassWeightedTest {
  private static final ClassWeights CLASSES = new ClassWeights(false, 0.5, 3);

  /** Three features, 1,000 rows in blocks of 128, weights 0-2; the same rows weighing {@code w * class weight}. */
  private static List<Block> blocks(boolean products) {
    Random rnd = new Random(5);
    List<Block> blocks = new ArrayList<>();
    BlockBuilder b = new BlockBuilder(3, 128, true);
    for (int i = 0; i < 1000; i++) {
      double[] slot = b.featureSlot();
      int at = b.slotOffset();
      for (int j = 0; j < 3; j++) {
        slot[at + j] = rnd.nextGaussian() * (j + 1);
      }
      double y = rnd.nextInt(5) == 0 ? 1 : 0;
      double w = rnd.nextInt(5) / 2.0;
      b.commitRow(y, products ? w * CLASSES.of(y) : w);
      if (b.isFull()) {
        blocks.add(b.build());
      }
    }
    if (!b.isEmpty()) {
      blocks.add(b.build());
    }
    return blocks;
  }

  @Test
  void valueGradientAndHessianAreThoseOfTheProductsAsWeights() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    JavaRDD<Block> own = jsc.parallelize(blocks(false), 2);
    JavaRDD<Block> products = jsc.parallelize(blocks(true), 2);
    DistributedLoss byClass = new DistributedLoss(jsc, own, FeatureScaling.identity(3), 1000,
        ClassWeighted.of(new LogisticLoss(), CLASSES));
    DistributedLoss byProducts = new DistributedLoss(jsc, products, FeatureScaling.identity(3), 1000,
        new LogisticLoss());
    double[] theta = {0.3, -0.2, 0.1, -1.1};
    LossEvaluation a = byClass.evaluate(theta, "class-weighted");
    LossEvaluation b = byProducts.evaluate(theta, "weight products");
    assertEquals(b.loss(), a.loss(), 1e-15 * b.loss());
    // the class weights over the larger, 3: the rows' slot is the products' sum over 3, and every mean the same
    assertEquals(b.rows() / 3, a.rows(), 1e-12 * b.rows());
    for (int j = 0; j < 4; j++) {
      assertEquals(b.gradient()[j], a.gradient()[j], 1e-14, "gradient " + j);
    }
    double[] v = {1, -2, 0.5, 0.25};
    double[] hv = byClass.hessianTimes(v, "class-weighted Hessian");
    double[] expected = byProducts.hessianTimes(v, "weight products' Hessian");
    for (int j = 0; j < 4; j++) {
      assertEquals(expected[j], hv[j], 1e-12 * Math.abs(expected[j]), "H v " + j);
    }
  }
}

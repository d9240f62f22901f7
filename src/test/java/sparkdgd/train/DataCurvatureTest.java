package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.config.InputFormat;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LoadedData;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * The data's curvature bound: an upper bound on the largest eigenvalue, checked against eigenvalues known in closed
 * form and against power iteration (another algorithm, whose Rayleigh quotient approaches it from below) on the
 * second moments of standardized rows computed here from the rows themselves.
 */
class DataCurvatureTest {
  @Test
  void boundsTheLargestEigenvalueOfMatricesWhoseEigenvaluesAreKnown() {
    for (int p : new int[] {1, 2, 6, 40}) {
      for (double rho : new double[] {0, 0.3, -0.1, 0.9}) {
        if (rho < 0 && rho * (p - 1) <= -1) {
          continue; // not positive definite
        }
        double[][] a = new double[p][p];
        for (int i = 0; i < p; i++) {
          for (int j = 0; j < p; j++) {
            a[i][j] = i == j ? 1 : rho;
          }
        }
        // equicorrelated: 1 + (p - 1) rho once, and 1 - rho (p - 1 times)
        double largest = p == 1 ? 1 : Math.max(1 + (p - 1) * rho, 1 - rho);
        double bound = DataCurvature.largestEigenvalueBound(a);
        assertTrue(bound >= largest && bound <= largest * (1 + 1e-9), p + " x " + p + ", rho " + rho + ": " + bound
            + " against " + largest);
      }
    }
    double[][] twoByTwo = {{3, 1}, {1, 1}}; // (4 + sqrt(8)) / 2
    double exact = (4 + Math.sqrt(8)) / 2;
    double bound = DataCurvature.largestEigenvalueBound(twoByTwo);
    assertTrue(bound >= exact && bound <= exact * (1 + 1e-12), bound + " against " + exact);
  }

  @Test
  @Tag("spark")
  void theDatasSecondMomentsInTheOptimizersCoordinatesAgreeWithPowerIterationOnTheRows(@TempDir Path tmp)
      throws Exception {
    SparkSession spark = SparkTestSession.get();
    Dataset d = Dataset.correlated(900, new double[] {1, -2, 0.5, 3}, 2.0, 0.7, 1.0, 5);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), csv.toString());
    LoadedData data = DataLoader.load(spark, Configs.data(csv).partitions(3).blockRows(64).build(), InputFormat.CSV,
        files);
    ColumnStatistics stats = ColumnStatistics.withDeviations(data.blocks(),
        ColumnStatistics.meansOnly(data.blocks(), d.dims()));
    FeatureScaling scaling = FeatureScaling.standardize(stats.featureMeans(), stats.featureStd());
    double bound = DataCurvature.largestEigenvalue(data.blocks(), scaling, d.rows());

    // the same matrix from the rows, standardized here as that scaling does (population deviations), and its largest
    // eigenvalue by power iteration
    int p = d.dims() + 1;
    double[] mean = new double[d.dims()];
    double[] sd = new double[d.dims()];
    for (int j = 0; j < d.dims(); j++) {
      for (double[] row : d.x()) {
        mean[j] += row[j] / d.rows();
      }
      for (double[] row : d.x()) {
        sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / d.rows();
      }
      sd[j] = Math.sqrt(sd[j]);
    }
    double[][] m = new double[p][p];
    for (double[] row : d.x()) {
      double[] z = new double[p];
      for (int j = 0; j < d.dims(); j++) {
        z[j] = (row[j] - mean[j]) / sd[j];
      }
      z[d.dims()] = 1;
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          m[j][k] += z[j] * z[k] / d.rows();
        }
      }
    }
    double[] v = new double[p];
    Random rnd = new Random(1);
    for (int j = 0; j < p; j++) {
      v[j] = rnd.nextDouble();
    }
    double rayleigh = 0;
    for (int step = 0; step < 2000; step++) {
      double[] mv = new double[p];
      double norm = 0;
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          mv[j] += m[j][k] * v[k];
        }
      }
      double vv = 0;
      rayleigh = 0;
      for (int j = 0; j < p; j++) {
        rayleigh += v[j] * mv[j];
        vv += v[j] * v[j];
        norm += mv[j] * mv[j];
      }
      rayleigh /= vv;
      norm = Math.sqrt(norm);
      for (int j = 0; j < p; j++) {
        v[j] = mv[j] / norm;
      }
    }
    // AR(1) features of correlation 0.7: the largest eigenvalue is well above 1, the trace's d + 1 = 5 above it
    assertTrue(rayleigh > 2 && rayleigh < 4, "largest eigenvalue " + rayleigh);
    assertTrue(bound >= rayleigh * (1 - 1e-12) && bound <= rayleigh * (1 + 1e-9), bound + " against " + rayleigh);
  }
}

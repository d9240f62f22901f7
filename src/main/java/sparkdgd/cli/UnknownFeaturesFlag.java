package sparkdgd.cli;

import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Option;
import sparkdgd.config.UsageError;
import sparkdgd.data.UnknownFeatures;

/**
 * The {@code --unknown-features} flag of predict and evaluate: what a LIBSVM index beyond the model's features, or a
 * vector longer than them, does.
 */
final class UnknownFeaturesFlag {
  @Option(names = "--unknown-features", paramLabel = "fail|ignore", defaultValue = "fail",
      description = "A LIBSVM feature index beyond the model's features, or a vector or array column longer than "
          + "them (a vocabulary grown since training). fail: stop at the first, naming its file, line and column "
          + "(the data and the model do not match). ignore: use the row without such values (a vector's first "
          + "elements), their weights taken as 0, and say how many rows were so. Default: ${DEFAULT-VALUE}")
  String value;

  /** Refuses a value other than fail or ignore: a usage error (exit 2), before Spark starts. */
  void check() {
    ignores();
  }

  /** The policy, its counters made in {@code jsc} when it ignores. */
  UnknownFeatures policy(JavaSparkContext jsc) {
    return ignores() ? UnknownFeatures.ignore(jsc) : UnknownFeatures.fail();
  }

  private boolean ignores() {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "fail" -> false;
      case "ignore" -> true;
      default -> throw new UsageError(String.format(Locale.ROOT, "--unknown-features must be fail or ignore, got "
          + "\"%s\"", value));
    };
  }
}

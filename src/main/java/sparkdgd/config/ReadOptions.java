package sparkdgd.config;

/**
 * How the input is read, beyond where and in which format: the format-specific settings, validated once.
 *
 * @param numFeatures LIBSVM: the number of features (largest index allowed); 0 infers it from the data
 * @param onBadRecord stop at the first bad record, or skip and count bad records
 */
public record ReadOptions(int numFeatures, BadRecordPolicy onBadRecord) {
  /** The command line's defaults. */
  public static final ReadOptions DEFAULTS = new ReadOptions(0, BadRecordPolicy.FAIL);

  public ReadOptions {
    Checks.arg(numFeatures >= 0, "--num-features must be >= 1 (or 0 to infer it), got %d", numFeatures);
    Checks.arg(onBadRecord != null, "--on-bad-record must be fail or skip");
  }
}

package sparkdgd.loss;

/**
 * Whether this JVM has the JDK's incubating Vector API ({@code jdk.incubator.vector}), which the squared loss's
 * dense kernels ({@link DoubleTileVectors}, {@link FloatTileVectors}) run on. A JVM has it when it starts with
 * {@code --add-modules=jdk.incubator.vector}: Spark 4's launcher puts that in every driver and executor JVM it
 * starts (its default module options, beside the {@code --add-opens}; Spark's own BLAS uses the API), and
 * {@code submit.sh}, {@code conf/spark-defaults.conf} and the build's tests pass it too. Without it, or switched
 * off, the dense kernels stay scalar: the same results within rounding ({@link DenseKernel}). Two switches: the
 * environment variable {@code SPARK_DGD_VECTOR_API=false}, which reaches executors as
 * {@code spark.executorEnv.SPARK_DGD_VECTOR_API=false} (Spark refuses {@code -Dspark...} options, this one's
 * {@code -Dsparkdgd...} among them, in {@code spark.executor.extraJavaOptions}), and {@code -Dsparkdgd.vectorApi=false}
 * for a JVM started by hand (the driver under {@code SPARK_DGD_JAVA_OPTS}, the probes).
 */
final class VectorModule {
  static final String NAME = "jdk.incubator.vector";
  static final String SWITCH = "sparkdgd.vectorApi";
  static final String ENV_SWITCH = "SPARK_DGD_VECTOR_API";

  /** Whether the module is usable, and why (or why not). */
  record Status(boolean usable, String how) {}

  private static final Status STATUS = find();

  private VectorModule() {}

  static Status status() {
    return STATUS;
  }

  private static Status find() {
    if (!Boolean.parseBoolean(System.getProperty(SWITCH, "true"))) {
      return new Status(false, "is switched off (-D" + SWITCH + "=false)");
    }
    String env = System.getenv(ENV_SWITCH);
    if (env != null && !Boolean.parseBoolean(env.trim())) {
      return new Status(false, "is switched off (" + ENV_SWITCH + "=" + env + ")");
    }
    if (ModuleLayer.boot().findModule(NAME).isEmpty()) {
      return new Status(false, "is not in this JVM: it started without --add-modules=" + NAME
          + ", which Spark's launcher and submit.sh pass");
    }
    return new Status(true, "--add-modules=" + NAME);
  }
}

package sparkdgd.loss;

/**
 * Whether this JVM has the JDK's incubating Vector API ({@code jdk.incubator.vector}), which the squared loss's
 * dense kernels ({@link DoubleTileVectors}, {@link FloatTileVectors}) run on. A JVM has it when it starts with
 * {@code --add-modules=jdk.incubator.vector}: Spark 4's launcher puts that in every driver and executor JVM it
 * starts (its default module options, beside the {@code --add-opens}; Spark's own BLAS uses the API), and
 * {@code submit.sh}, {@code conf/spark-defaults.conf} and the build's tests pass it too. Without it, or with
 * {@code -Dsparkdgd.vectorApi=false}, the dense kernels stay scalar: the same results within rounding
 * ({@link DenseKernel}).
 */
final class VectorModule {
  static final String NAME = "jdk.incubator.vector";
  static final String SWITCH = "sparkdgd.vectorApi";

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
    if (ModuleLayer.boot().findModule(NAME).isEmpty()) {
      return new Status(false, "is not in this JVM: it started without --add-modules=" + NAME
          + ", which Spark's launcher and submit.sh pass");
    }
    return new Status(true, "--add-modules=" + NAME);
  }
}

package sparkdgd.config;

/** A setting that parsed but cannot be used as given (for example an output directory that exists). */
public final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageError(String message) {
    super(message);
  }
}

package sparkdgd.cli;

/** The cluster cannot run the job: its master does not answer, or it gives the job no executors. */
final class ClusterUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClusterUnavailableException(String message) {
    super(message);
  }

  /** With the error Spark gave, whose trace --verbose shows. */
  ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

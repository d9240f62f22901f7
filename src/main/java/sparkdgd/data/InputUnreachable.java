package sparkdgd.data;

/**
 * The file system of the input does not answer (a NameNode or an endpoint that refuses connections or times out): an
 * outage or a wrong host and port, told with exit code 1 as a lost cluster is, not as a mistake in the input.
 */
public final class InputUnreachable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputUnreachable(String message) {
    super(message);
  }
}

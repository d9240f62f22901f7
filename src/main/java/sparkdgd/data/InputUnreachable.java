package sparkdgd.data;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;

/**
 * A file system that does not answer (a NameNode or an S3 endpoint that refuses connections or times out): an outage
 * or a wrong host and port, told with exit code 1 as a lost cluster is, not as a mistake in the input, whichever flag
 * names the path ({@code --data}, {@code --output}, {@code --model}: a user review of S3 had 1 for one and 2 for the
 * others).
 */
public final class InputUnreachable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputUnreachable(String message) {
    super(message);
  }

  /** Whether {@code e}, or a cause of it, is a connection refused, unroutable or timed out. */
  public static boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** {@code subject} (a flag and its path) is on a file system that did not answer, as {@code e} says. */
  public static InputUnreachable of(String subject, Throwable e) {
    return new InputUnreachable("cannot reach the file system of " + subject + ": " + e.getMessage() + "; check that "
        + "it runs (the NameNode, the object store's endpoint: fs.s3a.endpoint) and that the host and port are its");
  }
}

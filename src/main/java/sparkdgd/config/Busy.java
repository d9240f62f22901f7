package sparkdgd.config;

/**
 * A run refused because another one holds what it needs (a --checkpoint-dir in use): nothing is wrong with the command,
 * which can be run again once that run has ended. Its own exit code tells a scheduler to retry, not to page someone.
 */
public final class Busy extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Busy(String message) {
    super(message);
  }
}

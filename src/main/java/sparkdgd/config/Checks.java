package sparkdgd.config;

/** Argument checks that fail with a message naming the setting, the value and what is allowed. */
public final class Checks {
  private Checks() {}

  /** Throws {@link IllegalArgumentException} with {@code String.format(message, args)} unless {@code ok}. */
  public static void arg(boolean ok, String message, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(message, args));
    }
  }
}

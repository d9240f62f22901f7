package sparkdgd.output;

/** This tool's version: what {@code --version} prints and model.json records (sparkDgdVersion). */
public final class ToolVersion {
  /** The version number, as the pom's without -SNAPSHOT. */
  public static final String NUMBER = "0.1.0";
  /** What {@code --version} prints. */
  public static final String TEXT = "spark-dgd " + NUMBER;

  private ToolVersion() {}
}

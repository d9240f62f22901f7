package sparkdgd.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import sparkdgd.loss.LossKernel;
import sparkdgd.output.Counts;

/**
 * The machine a benchmark ran on, for its report: cores, the driver's max heap (and how submit.sh chose it,
 * whether the JVM touched it all at start, and when G1 starts marking it), physical memory, Java and Spark
 * versions, how the dense blocks' squared-loss kernel runs ({@link LossKernel#denseKernel}), the master and the
 * time.
 */
public record Machine(int cores, long maxHeapBytes, String driverMemory, boolean heapPreTouched,
    boolean hugePages, String g1Marking, long physicalBytes, String java, String denseKernel, String spark,
    String master, String date) {

  /** The environment variable in which submit.sh says how it chose the driver's heap. */
  public static final String DRIVER_MEMORY_ENV = "SPARK_DGD_DRIVER_MEMORY";

  public static Machine current(String sparkVersion, String master) {
    String javaVersion = System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    boolean preTouched = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AlwaysPreTouch");
    return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
        System.getenv(DRIVER_MEMORY_ENV), preTouched, transparentHugePages(), currentG1Marking(), physicalMemory(),
        javaVersion, LossKernel.denseKernel(), sparkVersion, master, date);
  }

  /**
   * Whether this JVM backs its heap with transparent huge pages: HotSpot's {@code UseTransparentHugePages} as
   * it ended up (HotSpot turns it off, with a warning, where the system has no transparent huge pages).
   */
  static boolean transparentHugePages() {
    try {
      HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return Boolean.parseBoolean(hotSpot.getVMOption("UseTransparentHugePages").getValue());
    } catch (RuntimeException | LinkageError e) {
      return false; // not HotSpot
    }
  }

  /**
   * When G1 starts marking the heap concurrently, as this JVM ended up (null for another collector or JVM): from a
   * fixed share of the heap where {@code G1UseAdaptiveIHOP} is off, as submit.sh sets it for a local benchmark.
   */
  static String currentG1Marking() {
    try {
      HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if (!Boolean.parseBoolean(hotSpot.getVMOption("UseG1GC").getValue())) {
        return null;
      }
      String percent = hotSpot.getVMOption("InitiatingHeapOccupancyPercent").getValue();
      return Boolean.parseBoolean(hotSpot.getVMOption("G1UseAdaptiveIHOP").getValue())
          ? "G1 marks the heap when it predicts it must (adaptive, from " + percent + "% occupancy)"
          : "G1 marks the heap from " + percent + "% occupancy (-XX:-G1UseAdaptiveIHOP)";
    } catch (RuntimeException | LinkageError e) {
      return null; // not HotSpot
    }
  }

  /** MemTotal from /proc/meminfo, or -1 where there is none. */
  static long physicalMemory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (Exception e) {
      // not Linux: leave it out
    }
    return -1;
  }

  /** One line: {@code 2 cores, 23.4 GiB RAM, max heap 11.7 GiB (driver memory ...), Java .., Spark .., ..}. */
  public String line() {
    StringBuilder s = new StringBuilder();
    s.append(Counts.of(cores, "core"));
    if (physicalBytes > 0) {
      s.append(String.format(Locale.ROOT, ", %.1f GiB RAM", physicalBytes / 1073741824.0));
    }
    s.append(String.format(Locale.ROOT, ", driver max heap %.1f GiB", maxHeapBytes / 1073741824.0));
    if (driverMemory != null && !driverMemory.isBlank()) {
      s.append(" (").append(driverMemory).append(')');
    }
    if (heapPreTouched) {
      s.append(", heap committed and touched at start (-XX:+AlwaysPreTouch)");
    }
    if (hugePages) {
      s.append(", heap on transparent huge pages (-XX:+UseTransparentHugePages)");
    }
    if (g1Marking != null) {
      s.append(", ").append(g1Marking);
    }
    s.append(", Java ").append(java);
    if (denseKernel != null) {
      s.append(", dense blocks' squared loss ").append(denseKernel);
    }
    s.append(", Spark ").append(spark).append(", master ").append(master)
        .append(", ").append(date);
    return s.toString();
  }
}

package sparkdgd.testing;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;

/**
 * The local disk as a cluster's driver and executors see a path of it when they run on different hosts, in one
 * {@code local[N]} JVM: scheme {@code hostlocal:}, the local file system's paths. What a task creates (a file, a
 * directory, a rename's target) is on its executor's host, so the driver does not see it; a file under a directory
 * named {@value #DRIVER_ONLY} is on the driver's host only, so the tasks do not see it. Everything else is seen by
 * both, as if mounted on every host. A task is code running under a {@link TaskContext}; the rest is the driver.
 */
public final class HostLocalFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "hostlocal";
  /** A directory whose files the tasks cannot see: a path on the driver's host only. */
  public static final String DRIVER_ONLY = "driver-only";
  private static final URI ROOT = URI.create(SCHEME + ":///");
  /** Paths (as local absolute paths) that tasks created: the executors' hosts' own. */
  private static final Set<String> ON_EXECUTORS = ConcurrentHashMap.newKeySet();

  /** Registers the scheme with the Hadoop configuration of {@code spark} (tasks get it from there too). */
  public static void register(SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    conf.set("fs." + SCHEME + ".impl", HostLocalFileSystem.class.getName());
  }

  /** {@code local} as a path of this file system. */
  public static String uri(java.nio.file.Path local) {
    return SCHEME + "://" + local.toAbsolutePath();
  }

  @Override
  public URI getUri() {
    return ROOT;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  private static boolean inTask() {
    return TaskContext.get() != null;
  }

  /** Whether the code running now cannot see {@code p}: it is on another host. */
  private boolean hidden(Path p) {
    String path = pathToFile(p).getAbsolutePath();
    if (inTask()) {
      return Arrays.asList(path.split("/")).contains(DRIVER_ONLY);
    }
    for (String s = path; s != null; s = new File(s).getParent()) {
      if (ON_EXECUTORS.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private void created(Path p) {
    if (inTask()) {
      ON_EXECUTORS.add(pathToFile(p).getAbsolutePath());
    }
  }

  private static FileNotFoundException missing(Path p) {
    return new FileNotFoundException("File " + p + " does not exist");
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    if (hidden(f)) {
      throw missing(f);
    }
    return plain(super.getFileStatus(f));
  }

  @Override
  public FileStatus getFileLinkStatus(Path f) throws IOException {
    if (hidden(f)) {
      throw missing(f);
    }
    return plain(super.getFileLinkStatus(f));
  }

  @Override
  public boolean exists(Path f) throws IOException {
    return !hidden(f) && super.exists(f);
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    if (hidden(f)) {
      throw missing(f);
    }
    return Arrays.stream(super.listStatus(f)).filter(s -> !hidden(s.getPath())).map(HostLocalFileSystem::plain)
        .toArray(FileStatus[]::new);
  }

  /**
   * The status without the local file system's lazily read owner and permissions, which it reads by turning the
   * path back into a {@code file:} URI (refused for this scheme).
   */
  private static FileStatus plain(FileStatus s) {
    return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(),
        s.getPath());
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    if (hidden(f)) {
      throw missing(f);
    }
    return super.open(f, bufferSize);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (hidden(src)) {
      return false;
    }
    boolean renamed = super.rename(src, dst);
    if (renamed) {
      created(dst);
    }
    return renamed;
  }

  @Override
  protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
    created(f);
    return super.createOutputStream(f, append);
  }

  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
      throws IOException {
    created(f);
    return super.createOutputStreamWithMode(f, append, permission);
  }

  @Override
  protected boolean mkOneDirWithMode(Path p, File p2f, FsPermission permission) throws IOException {
    boolean made = super.mkOneDirWithMode(p, p2f, permission);
    if (made) {
      created(p);
    }
    return made;
  }
}

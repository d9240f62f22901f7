package sparkdgd.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockPasses;
import sparkdgd.block.PartitionSummers;
import sparkdgd.block.PartitionSums;

/**
 * Passes over cached blocks without a Spark job per pass. One long job keeps a task on each core (the
 * partitions of every set of blocks given, such as the training and the validation blocks, coalesced among
 * them, so a task may hold several), each connected to the driver by a socket.
 * A pass is then one round: the driver sends the pass's summers to every task, each task sums each of its
 * partitions exactly as a job's task would, and the driver adds the partitions exactly. The bits are those
 * of {@link BlockPass#jobs}; what goes is a job's scheduling, which costs 10-30 ms a pass on these machines
 * and is most of a mini-batch iteration.
 *
 * <p>While they are up the tasks hold the application's cores, so no other job can use them: start them
 * around passes over these blocks only, and close them before anything else runs. If the tasks do not all
 * connect in time, or a task, its connection or its job fails, they are stopped, a warning says why, and
 * that pass and every later one run as Spark jobs (with the same results).
 */
public final class ResidentTasks implements AutoCloseable {
  /** A local property set on the resident tasks' job, which runs as long as training: progress watches leave it out. */
  public static final String JOB_PROPERTY = "sparkdgd.residentTasks";
  /** How long the driver waits between a round's request and the first byte of an answer, per check. */
  private static final int POLL_MILLIS = 1_000;
  /** A connection must say who it is this fast, or it is not one of our tasks. */
  private static final int HELLO_MILLIS = 10_000;
  /** The rest of an answer follows its first byte; a task silent this long has gone. */
  private static final int ANSWER_MILLIS = 60_000;

  private final List<JavaRDD<Block>> sets;
  private final Consumer<String> warn;
  /** Partitions of each set. */
  private final int[] partitions;
  private final List<Connection> connections = new ArrayList<>();
  private JavaFutureAction<Void> job;
  private boolean resident;

  private ResidentTasks(List<JavaRDD<Block>> sets, Consumer<String> warn) {
    this.sets = List.copyOf(sets);
    this.warn = warn;
    this.partitions = sets.stream().mapToInt(JavaRDD::getNumPartitions).toArray();
  }

  /** As {@link #start(JavaSparkContext, List, double, Consumer)} with one set of blocks. */
  public static ResidentTasks start(JavaSparkContext jsc, JavaRDD<Block> blocks, double connectSeconds,
      Consumer<String> warn) {
    return start(jsc, List.of(blocks), connectSeconds, warn);
  }

  /**
   * Starts one task per core (at most one per partition) over the partitions of every set in {@code sets},
   * which should be cached, and waits up to {@code connectSeconds} for all of them to connect; otherwise
   * warns and runs passes as jobs. {@link #passes} gives each set's passes.
   */
  public static ResidentTasks start(JavaSparkContext jsc, List<JavaRDD<Block>> sets, double connectSeconds,
      Consumer<String> warn) {
    ResidentTasks tasks = new ResidentTasks(sets, warn);
    int total = tasks.partitions();
    int count = Math.max(1, Math.min(total, jsc.defaultParallelism()));
    String host = jsc.getConf().get("spark.driver.host", "localhost");
    String bindAddress = jsc.getConf().get("spark.driver.bindAddress", host);
    try (ServerSocket server = new ServerSocket(0, 2 * count, InetAddress.getByName(bindAddress))) {
      String token = newToken();
      jsc.setJobDescription("resident tasks: " + count + " tasks holding " + total + " partitions");
      jsc.setLocalProperty(JOB_PROPERTY, "true");
      JavaRDD<PartitionBlocks> held = null;
      for (int set = 0; set < sets.size(); set++) {
        JavaRDD<PartitionBlocks> s = sets.get(set).mapPartitionsWithIndex(holdPartitionsOf(set), true);
        held = held == null ? s : held.union(s);
      }
      tasks.job = held.coalesce(count).foreachPartitionAsync(new ResidentTask(host, server.getLocalPort(), token));
      tasks.connect(server, token, count, (long) (connectSeconds * 1000));
      tasks.resident = true;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      tasks.giveUp("did not start: " + why.lines().findFirst().orElse(why)); // not the failed task's stack trace
    } finally {
      jsc.setJobDescription(null);
      jsc.setLocalProperty(JOB_PROPERTY, null);
    }
    return tasks;
  }

  private static Function2<Integer, Iterator<Block>, Iterator<PartitionBlocks>> holdPartitionsOf(int set) {
    return (index, blocks) -> List.of(PartitionBlocks.of(set, index, blocks)).iterator();
  }

  /** How many partitions the tasks hold, over all the sets. */
  public int partitions() {
    return Arrays.stream(partitions).sum();
  }

  /** How many tasks connected (0 when they did not all start). */
  public int tasks() {
    return connections.size();
  }

  /** Whether passes run on the resident tasks (false once they failed to start or stopped). */
  public boolean resident() {
    return resident;
  }

  /**
   * The passes over set {@code set} (its place in the list given to {@link #start}): rounds of the tasks while
   * they are up, Spark jobs once they failed to start or stopped.
   */
  public BlockPasses passes(int set) {
    BlockPasses jobs = BlockPass.jobs(sets.get(set));
    return (summers, width) -> {
      if (resident) {
        try {
          return round(new PassRequest(set, summers, width).toBytes(), partitions[set], width);
        } catch (IOException e) {
          giveUp(e.getMessage());
        }
      }
      return jobs.run(summers, width);
    };
  }

  private BlockPass.Totals round(byte[] request, int partitionsOfSet, int width) throws IOException {
    for (Connection c : connections) {
      c.send(request);
    }
    PartitionSums[] sums = new PartitionSums[partitionsOfSet];
    for (Connection c : connections) {
      c.receive(sums, width);
    }
    for (int i = 0; i < sums.length; i++) {
      if (sums[i] == null) {
        throw new IOException("no task answered for partition " + i);
      }
    }
    return BlockPass.total(Arrays.asList(sums), width);
  }

  private void connect(ServerSocket server, String token, int count, long waitMillis) throws IOException {
    long deadline = System.currentTimeMillis() + waitMillis;
    boolean[][] seen = new boolean[partitions.length][];
    for (int set = 0; set < seen.length; set++) {
      seen[set] = new boolean[partitions[set]];
    }
    int held = 0;
    while (connections.size() < count) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new IOException(String.format("only %d of %d tasks connected to the driver at %s:%d within %.0f s "
                + "(busy cores, or a firewall between executors and driver)", connections.size(), count,
            server.getInetAddress().getHostAddress(), server.getLocalPort(), waitMillis / 1000.0));
      }
      if (job.isDone()) {
        throw new IOException("their job ended before they all connected" + jobFailure());
      }
      server.setSoTimeout((int) Math.min(left, 200));
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketTimeoutException e) {
        continue;
      }
      Connection c;
      try {
        c = new Connection(socket);
      } catch (IOException e) {
        socket.close();
        throw e;
      }
      int n = c.hello(token, seen);
      if (n < 0) {
        c.close(); // not one of our tasks
        continue;
      }
      connections.add(c);
      held += n;
    }
    if (held != partitions()) {
      throw new IOException("the tasks hold " + held + " of the " + partitions() + " partitions");
    }
  }

  private String jobFailure() {
    try {
      job.get();
      return "";
    } catch (Exception e) {
      return ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    }
  }

  private void giveUp(String why) {
    boolean wasResident = resident;
    resident = false;
    stop();
    warn.accept("resident tasks " + (wasResident ? "stopped: " : "") + why
        + "; every pass now runs as a Spark job (same results, 10-30 ms more each)");
  }

  private void stop() {
    for (Connection c : connections) {
      c.close();
    }
    connections.clear();
    if (job != null) {
      try {
        job.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        job.cancel(true);
      }
    }
  }

  /** Stops the tasks, which end their job; later passes would run as jobs. */
  @Override
  public void close() {
    resident = false;
    stop();
  }

  private static String newToken() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The driver's end of one task's socket. */
  private final class Connection {
    private final Socket socket;
    private final BufferedInputStream buffered;
    private final DataInputStream in;
    private final DataOutputStream out;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      socket.setTcpNoDelay(true);
      this.buffered = new BufferedInputStream(socket.getInputStream());
      this.in = new DataInputStream(buffered);
      this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Checks the token and records the task's partitions; returns how many it holds, or -1 for a stranger. */
    int hello(String token, boolean[][] seen) throws IOException {
      socket.setSoTimeout(HELLO_MILLIS);
      try {
        if (!token.equals(in.readUTF())) {
          return -1;
        }
      } catch (IOException e) {
        return -1;
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        int set = in.readInt();
        int index = in.readInt();
        if (set < 0 || set >= seen.length || index < 0 || index >= seen[set].length || seen[set][index]) {
          throw new IOException("a task announced partition " + index + " of set " + set + " twice or out of range");
        }
        seen[set][index] = true;
      }
      return n;
    }

    void send(byte[] request) throws IOException {
      out.writeInt(request.length);
      out.write(request);
      out.flush();
    }

    /** Reads one answer into {@code sums} by partition index. */
    void receive(PartitionSums[] sums, int width) throws IOException {
      awaitAnswer();
      int n = in.readInt();
      if (n == ResidentTask.FAILED) {
        throw new IOException("a pass failed in a task: " + in.readUTF());
      }
      for (int i = 0; i < n; i++) {
        int index = in.readInt();
        if (index < 0 || index >= sums.length) {
          throw new IOException("a task answered for partition " + index + " of " + sums.length);
        }
        long rows = in.readLong();
        double[] s = new double[width];
        for (int j = 0; j < width; j++) {
          s[j] = in.readDouble();
        }
        sums[index] = new PartitionSums(s, rows);
      }
    }

    /** Waits, however long the pass takes, for an answer to start, unless the tasks' job has ended. */
    private void awaitAnswer() throws IOException {
      socket.setSoTimeout(POLL_MILLIS);
      while (true) {
        buffered.mark(1);
        try {
          if (buffered.read() < 0) {
            throw new EOFException("a task closed its connection" + (job.isDone() ? jobFailure() : ""));
          }
          buffered.reset();
          socket.setSoTimeout(ANSWER_MILLIS);
          return;
        } catch (SocketTimeoutException e) {
          if (job.isDone()) {
            throw new IOException("their job ended during a pass" + jobFailure());
          }
        }
      }
    }

    void close() {
      try {
        out.writeInt(ResidentTask.STOP);
        out.flush();
      } catch (IOException e) {
        // the task has gone already
      }
      try {
        socket.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }
}

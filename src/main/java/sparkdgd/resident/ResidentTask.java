package sparkdgd.resident;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction;
import sparkdgd.block.BlockPass;
import sparkdgd.block.PartitionSums;

/**
 * The body of one resident task. It holds its partitions' blocks, connects to the driver, says which
 * partitions it has, and then answers passes until the driver says stop (a negative length) or the
 * connection ends; either way the task ends normally, and the driver runs any further passes as jobs.
 *
 * <p>Frames, all big-endian: the task's hello is the token (UTF), the number of partitions and each one's
 * set and index; a request is its length and {@link PassRequest} bytes; an answer is the number of the
 * task's partitions in the request's set and for each its index, row count and {@code width} sums, or -1
 * and a message (UTF) when the pass failed in this task.
 */
final class ResidentTask implements VoidFunction<Iterator<PartitionBlocks>> {
  private static final long serialVersionUID = 1L;
  static final int STOP = -1;
  static final int FAILED = -1;
  private static final int CONNECT_MILLIS = 10_000;

  private final String host;
  private final int port;
  private final String token;

  ResidentTask(String host, int port, String token) {
    this.host = host;
    this.port = port;
    this.token = token;
  }

  @Override
  public void call(Iterator<PartitionBlocks> partitions) {
    List<PartitionBlocks> held = new ArrayList<>();
    partitions.forEachRemaining(held::add);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
      socket.setTcpNoDelay(true);
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      out.writeUTF(token);
      out.writeInt(held.size());
      for (PartitionBlocks p : held) {
        out.writeInt(p.set());
        out.writeInt(p.index());
      }
      out.flush();
      serve(held, in, out);
    } catch (IOException e) {
      // The driver stopped listening, closed the connection or cannot be reached: it notices and runs the
      // passes as Spark jobs, so this task has nothing left to do.
    }
  }

  private static void serve(List<PartitionBlocks> held, DataInputStream in, DataOutputStream out)
      throws IOException {
    while (true) {
      int length = in.readInt();
      if (length == STOP) {
        return;
      }
      byte[] request = new byte[length];
      in.readFully(request);
      List<PartitionBlocks> over = new ArrayList<>();
      List<PartitionSums> sums = new ArrayList<>();
      try {
        PassRequest pass = PassRequest.fromBytes(request);
        for (PartitionBlocks p : held) {
          if (p.set() == pass.set()) {
            over.add(p);
            sums.add(BlockPass.sumPartition(p.blocks(), p.rows(), pass.summers().forPartition(p.index()),
                pass.width()));
          }
        }
      } catch (ClassNotFoundException | RuntimeException e) {
        out.writeInt(FAILED);
        out.writeUTF(String.valueOf(e));
        out.flush();
        continue;
      }
      out.writeInt(sums.size());
      for (int i = 0; i < sums.size(); i++) {
        out.writeInt(over.get(i).index());
        out.writeLong(sums.get(i).rows());
        for (double v : sums.get(i).sums()) {
          out.writeDouble(v);
        }
      }
      out.flush();
    }
  }
}

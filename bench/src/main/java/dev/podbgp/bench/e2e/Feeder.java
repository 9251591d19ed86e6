package dev.podbgp.bench.e2e;

import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.interop.netns.Netns;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The feeder sessions of one run, all from one namespace, each from its own address. They
 * connect, reach Established, and wait; {@link #send} then writes a pre-encoded stage on every
 * session at once. Whatever a device sends back is read and counted (it should send nothing:
 * every device is configured not to export to feeders), so a device never stalls on a full
 * socket buffer.
 */
final class Feeder implements AutoCloseable {
  private final Netns netns;
  private final FeedPlan plan;
  private final Inet4Address target;
  private final List<BgpConnection> sessions = new ArrayList<>();
  private final ExecutorService nsPool;
  private final ExecutorService writers;
  private final ScheduledExecutorService keepalives =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "feeder-keepalive"));
  private final AtomicLong announcementsReceived = new AtomicLong();
  private final AtomicLong withdrawalsReceived = new AtomicLong();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private volatile boolean closing;

  Feeder(Netns netns, FeedPlan plan, Inet4Address target) {
    this.netns = netns;
    this.plan = plan;
    this.target = target;
    this.nsPool = NamespaceThreads.pool(netns.name(), "feeder-ns", 4);
    this.writers = Executors.newFixedThreadPool(Math.min(plan.workload.feeders(), 10),
        r -> daemon(r, "feeder-write"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(null, r, name, 256 * 1024);
    t.setDaemon(true);
    return t;
  }

  /** Connects every session (retrying while the device is not yet listening) to Established. */
  void connect(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Future<BgpConnection>> pending = new ArrayList<>();
    for (int i = 0; i < plan.workload.feeders(); i++) {
      int index = i;
      pending.add(nsPool.submit(() -> connectOne(index, deadline)));
    }
    for (Future<BgpConnection> f : pending) {
      long left = Math.max(1, deadline - System.nanoTime());
      sessions.add(f.get(left + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS));
    }
    for (BgpConnection c : sessions) {
      Thread reader = daemon(() -> drain(c), "feeder-read-" + c.name());
      reader.start();
    }
    keepalives.scheduleAtFixedRate(this::keepalive, BgpConnection.HOLD_TIME / 3,
        BgpConnection.HOLD_TIME / 3, TimeUnit.SECONDS);
  }

  private BgpConnection connectOne(int index, long deadline) throws IOException,
      InterruptedException {
    Inet4Address local = plan.feederAddresses.get(index);
    String name = "feeder-" + index;
    IOException last = null;
    while (System.nanoTime() < deadline) {
      SocketChannel ch = SocketChannel.open();
      try {
        ch.bind(new InetSocketAddress(local, 0));
        ch.socket().connect(BgpConnection.bgp(target), 2000);
        ch.socket().setTcpNoDelay(true);
        BgpConnection c = new BgpConnection(ch, name);
        c.establish(FeedPlan.feederAs(index), ipv4Int(local));
        if (!c.options().fourOctetAs()) {
          c.close();
          throw new IOException(name + ": peer did not agree 4-octet AS numbers; the feed is"
              + " encoded with them");
        }
        return c;
      } catch (IOException e) {
        ch.close();
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IOException(name + " (" + local.getHostAddress() + ") did not reach Established"
        + " with " + target.getHostAddress() + " in time: " + (last == null ? "no attempt"
        : last.getMessage()), last);
  }

  static int ipv4Int(Inet4Address a) {
    return ByteBuffer.wrap(a.getAddress()).getInt();
  }

  private void drain(BgpConnection c) {
    try {
      while (!closing) {
        BgpMessage m = c.read();
        // End-of-RIB (an empty UPDATE) is fine; routes are not.
        if (m instanceof UpdateMessage u) {
          announcementsReceived.addAndGet(u.nlri().size());
          withdrawalsReceived.addAndGet(u.withdrawn().size());
        }
      }
    } catch (IOException e) {
      if (!closing) {
        failure.compareAndSet(null, e.getMessage());
      }
    }
  }

  private void keepalive() {
    for (BgpConnection c : sessions) {
      try {
        c.sendKeepalive();
      } catch (IOException e) {
        if (!closing) {
          failure.compareAndSet(null, c.name() + ": keepalive failed: " + e.getMessage());
        }
      }
    }
  }

  /**
   * When a stage went out: {@code start} just before the first byte, {@code written} once the
   * last byte was taken by the kernel (both {@code System.nanoTime()}).
   */
  record Sent(long start, long written) {}

  /** Writes the stage on every session in parallel; returns once every byte is in the sockets. */
  Sent send(FeedPlan.Stage stage) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < sessions.size(); i++) {
      BgpConnection c = sessions.get(i);
      List<byte[]> chunks = stage.perFeeder().get(i);
      done.add(writers.submit(() -> {
        for (byte[] chunk : chunks) {
          c.send(chunk);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.MINUTES);
    }
    return new Sent(t0, System.nanoTime());
  }

  /** Routes the device announced to feeders (0: its export to feeders is off, as set up). */
  long announcementsReceived() {
    return announcementsReceived.get();
  }

  /**
   * Withdrawals the device sent to feeders. GoBGP sends them for routes its export policy
   * rejects, although it never announced them; reading them is part of its cost.
   */
  long withdrawalsReceived() {
    return withdrawalsReceived.get();
  }

  /** The first session error, if any. */
  String failure() {
    return failure.get();
  }

  @Override
  public void close() {
    closing = true;
    keepalives.shutdownNow();
    writers.shutdownNow();
    nsPool.shutdownNow();
    sessions.forEach(BgpConnection::close);
  }

  @Override
  public String toString() {
    return plan.workload.feeders() + " feeder session(s) in " + netns;
  }
}

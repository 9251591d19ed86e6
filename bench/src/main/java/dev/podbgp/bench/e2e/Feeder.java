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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The feeder sessions of one run, all from one namespace, each from its own address. They
 * connect, reach Established, and wait; {@link #send} then writes a pre-encoded stage on every
 * session at once. Whatever a device sends back is read and counted (it should send nothing:
 * every device is configured not to export to feeders), so a device never stalls on a full
 * socket buffer.
 *
 * <p>A session that ends is a failed run, reported at once through the callback given to the
 * constructor, so the run stops instead of waiting for its timeout: the device closed or reset
 * the connection, sent a NOTIFICATION, or sent nothing for a whole hold time (a device that has
 * given up a session without closing its socket is only noticed this way).
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
  private final Consumer<String> onFailure;
  private volatile boolean closing;

  /** @param onFailure told (once) why a session ended, from whichever thread noticed it */
  Feeder(Netns netns, FeedPlan plan, Inet4Address target, Consumer<String> onFailure) {
    this.netns = netns;
    this.plan = plan;
    this.target = target;
    this.onFailure = onFailure;
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
    for (int i = 0; i < pending.size(); i++) {
      long left = Math.max(1, deadline - System.nanoTime());
      try {
        sessions.add(pending.get(i).get(left + TimeUnit.SECONDS.toNanos(5),
            TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        // Connected, but the device never completed the OPEN exchange.
        throw new IllegalStateException("feeder: " + sessions.size() + " of "
            + pending.size() + " sessions Established after " + timeout.toSeconds()
            + " s; feeder-" + i + " (" + plan.feederAddresses.get(i).getHostAddress()
            + ") is still waiting for the device's OPEN or KEEPALIVE");
      } catch (ExecutionException e) {
        throw new IllegalStateException("feeder: " + sessions.size() + " of "
            + pending.size() + " sessions Established; " + e.getCause().getMessage(),
            e.getCause());
      }
    }
    for (BgpConnection c : sessions) {
      c.restartHoldTimer();
      Thread reader = daemon(() -> drain(c), "feeder-read-" + c.name());
      reader.start();
    }
    keepalives.scheduleAtFixedRate(this::keepalive, BgpConnection.HOLD_TIME / 3,
        BgpConnection.HOLD_TIME / 3, TimeUnit.SECONDS);
    keepalives.scheduleAtFixedRate(this::checkHoldTimers, 1, 1, TimeUnit.SECONDS);
  }

  private BgpConnection connectOne(int index, long deadline) throws IOException,
      InterruptedException {
    Inet4Address local = plan.feederAddresses.get(index);
    String name = "feeder-" + index + " (" + local.getHostAddress() + ")";
    IOException last = null;
    int attempt = 0;
    while (System.nanoTime() < deadline) {
      attempt++;
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
        if (attempt > 1) {
          c.setConnectHistory("Established on connection attempt " + attempt
              + "; the one before ended with: " + last.getMessage());
        }
        return c;
      } catch (IOException e) {
        ch.close();
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IOException(name + " did not reach Established"
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
      fail(c.describe(e) + " (session ended" + c.connectHistory().map(h -> "; " + h).orElse("")
          + ")");
    }
  }

  private void keepalive() {
    for (BgpConnection c : sessions) {
      try {
        c.sendKeepalive();
      } catch (IOException e) {
        fail(c.describe(e) + " (session ended; KEEPALIVE not sent)");
      }
    }
  }

  private void checkHoldTimers() {
    long now = System.nanoTime();
    for (BgpConnection c : sessions) {
      if (c.holdTimerExpired(now)) {
        fail(c.name() + ": hold timer expired, nothing from the device for "
            + BgpConnection.HOLD_TIME + " s");
      }
    }
  }

  private void fail(String why) {
    if (!closing && failure.compareAndSet(null, "feeder: " + why)) {
      onFailure.accept("feeder: " + why);
    }
  }

  /**
   * When a stage went out: {@code start} just before the first byte, {@code written} once the
   * last byte was taken by the kernel (both {@code System.nanoTime()}).
   */
  record Sent(long start, long written) {}

  /** Writes the stage on every session in parallel; returns once every byte is in the sockets. */
  Sent send(FeedPlan.Stage stage) throws Exception {
    return send(stage, 0);
  }

  /**
   * {@link #send(FeedPlan.Stage)} at no more than {@code bytesPerSecond} on each session (0: as fast as
   * the device reads): a steady trickle of churn instead of a burst, as an Internet feed's background
   * churn is.
   */
  Sent send(FeedPlan.Stage stage, long bytesPerSecond) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < sessions.size(); i++) {
      BgpConnection c = sessions.get(i);
      List<byte[]> chunks = stage.perFeeder().get(i);
      done.add(writers.submit(() -> {
        try {
          long sent = 0;
          for (byte[] chunk : chunks) {
            if (bytesPerSecond <= 0) {
              c.send(chunk);
            } else {
              sent = sendPaced(c, chunk, t0, sent, bytesPerSecond);
            }
          }
        } catch (IOException e) {
          fail(c.describe(e) + " (session ended while sending the feed)");
          throw e;
        }
        return null;
      }));
    }
    long deadline = t0 + TimeUnit.MINUTES.toNanos(30);
    for (Future<?> f : done) {
      while (true) {
        try {
          f.get(1, TimeUnit.SECONDS);
          break;
        } catch (ExecutionException e) {
          throw new IllegalStateException(failure() != null ? failure()
              : "feeder: sending failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
          // A write blocks while the device does not read; if a session has ended meanwhile
          // (or the device went silent for a hold time), that is the run's end, not the wait.
          if (failure() != null) {
            throw new IllegalStateException(failure());
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("feeder: the feed was not written in 30 minutes");
          }
        }
      }
    }
    return new Sent(t0, System.nanoTime());
  }

  /**
   * Sends a chunk of whole messages in slices of about a twentieth of a second's bytes, each when the
   * rate allows ({@code sent} bytes went out since {@code t0}); returns the bytes sent since then. A
   * slice never ends inside a message: the keepalive thread writes between two sends.
   */
  private static long sendPaced(BgpConnection c, byte[] chunk, long t0, long sent, long bytesPerSecond)
      throws IOException, InterruptedException {
    long slice = Math.max(1, bytesPerSecond / 20);
    for (int off = 0; off < chunk.length; ) {
      int end = off;
      do {
        int length = ((chunk[end + 16] & 0xff) << 8) | (chunk[end + 17] & 0xff);
        if (length < 19 || end + length > chunk.length) {
          throw new IllegalStateException("feeder: the feed holds a message of length " + length
              + " at byte " + end + " of a " + chunk.length + "-byte chunk");
        }
        end += length;
      } while (end < chunk.length && end - off + 19 <= slice);
      c.send(chunk, off, end - off);
      sent += end - off;
      off = end;
      long wait = t0 + sent * 1_000_000_000L / bytesPerSecond - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    return sent;
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

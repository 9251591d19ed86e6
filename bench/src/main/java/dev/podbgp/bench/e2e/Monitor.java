package dev.podbgp.bench.e2e;

import dev.podbgp.bgp.wire.AsPath;
import dev.podbgp.bgp.wire.BgpDecoder;
import dev.podbgp.bgp.wire.DecodeResult;
import dev.podbgp.bgp.wire.Ipv4Prefix;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.UpdateMessage;
import dev.podbgp.interop.netns.Netns;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The receiving end: a passive BGP speaker in its own namespace that accepts any peer, keeps an
 * Adj-RIB-In of what it was sent (per session), and notes the moment it holds exactly what the
 * current {@link Expectation} asks for. Each session's OPEN exchange runs on its own short-lived
 * thread; once Established, one selector thread reads and decodes every session, so 500
 * sessions cost the monitor no more threads than one.
 */
final class Monitor implements AutoCloseable {
  static final long ASN = 65001;

  /**
   * What the monitor should end up holding.
   *
   * @param entries routes in all (prefix, session) pairs
   * @param churnMarked whether the churned tenth must carry {@link FeedPlan#CHURN_MARKER_AS}
   */
  record Expectation(long entries, boolean churnMarked) {}

  private final Netns netns;
  private final Inet4Address address;
  private final PrefixMap rib;
  private final List<BgpConnection> sessions = new ArrayList<>();
  private final ScheduledExecutorService keepalives =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "monitor-keepalive"));
  private ExecutorService nsPool;
  private ServerSocketChannel server;
  private final Selector selector;
  private final Queue<Established> toRegister = new ConcurrentLinkedQueue<>();

  private record Established(BgpConnection connection, int session) {}
  private volatile boolean closing;

  // Guarded by this.
  private Expectation expectation = new Expectation(Long.MAX_VALUE, false);
  private long matching;
  private long completeAt;
  private long lastUpdateAt;
  /**
   * When the monitor first held these fractions of the expected routes (nanoTime, 0: not yet):
   * how the full set builds up, which the single completion time does not show. A device that
   * finishes its work early may still complete the set late.
   */
  private static final double[] MILESTONES = {0.5, 0.9, 0.99};
  private final long[] reachedAt = new long[MILESTONES.length];
  private long updates;
  private String failure;

  Monitor(Netns netns, Inet4Address address, int expectedEntries) {
    this.netns = netns;
    this.address = address;
    this.rib = new PrefixMap(expectedEntries);
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a selector: " + e.getMessage(), e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(null, r, name, 256 * 1024);
    t.setDaemon(true);
    return t;
  }

  /** Listens on port 179 of {@code address} inside the monitor namespace. */
  void start() throws Exception {
    nsPool = NamespaceThreads.pool(netns.name(), "monitor-ns", 1);
    server = nsPool.submit(() -> {
      ServerSocketChannel s = ServerSocketChannel.open();
      s.bind(new InetSocketAddress(address, 179), 1024);
      return s;
    }).get(10, TimeUnit.SECONDS);
    daemon(this::acceptLoop, "monitor-accept").start();
    daemon(this::readLoop, "monitor-read").start();
    keepalives.scheduleAtFixedRate(this::keepalive, BgpConnection.HOLD_TIME / 3,
        BgpConnection.HOLD_TIME / 3, TimeUnit.SECONDS);
    keepalives.scheduleAtFixedRate(this::checkHoldTimers, 1, 1, TimeUnit.SECONDS);
  }

  private void acceptLoop() {
    while (!closing) {
      try {
        SocketChannel ch = server.accept();
        ch.socket().setTcpNoDelay(true);
        int index;
        BgpConnection c;
        synchronized (this) {
          index = sessions.size();
          c = new BgpConnection(ch, "monitor-" + index);
          sessions.add(c);
        }
        daemon(() -> serve(c, index), "monitor-open-" + index).start();
      } catch (IOException e) {
        if (!closing) {
          fail("accept failed: " + e.getMessage());
        }
        return;
      }
    }
  }

  private void serve(BgpConnection c, int session) {
    try {
      c.establish(ASN, Feeder.ipv4Int(address));
      c.channel().configureBlocking(false);
      toRegister.add(new Established(c, session));
      selector.wakeup();
      synchronized (this) {
        notifyAll();
      }
    } catch (IOException e) {
      if (!closing) {
        fail(c.describe(e));
      }
    }
  }

  private void readLoop() {
    try {
      while (!closing) {
        selector.select(200);
        for (Established e; (e = toRegister.poll()) != null; ) {
          SelectionKey key = e.connection().channel().register(selector, SelectionKey.OP_READ, e);
          // The OPEN exchange may have read UPDATEs into the buffer already; take them now.
          read(key);
        }
        for (SelectionKey key : selector.selectedKeys()) {
          read(key);
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | java.nio.channels.ClosedSelectorException e) {
      if (!closing) {
        fail("selector failed: " + e.getMessage());
      }
    }
  }

  private void read(SelectionKey key) {
    Established e = (Established) key.attachment();
    try {
      drain(e.connection(), e.session());
    } catch (IOException ex) {
      key.cancel();
      if (!closing) {
        fail(e.connection().describe(ex));
      }
    }
  }

  private void drain(BgpConnection c, int session) throws IOException {
    for (ByteBuf frame; (frame = c.pollFrame()) != null; ) {
      DecodeResult r = BgpDecoder.decode(frame, c.options());
      if (r instanceof DecodeResult.Decoded d) {
        if (d.message() instanceof UpdateMessage u) {
          apply(session, u.withdrawn(), u.nlri(), u.attributes().asPath());
        } else if (d.message() instanceof NotificationMessage n) {
          throw new IOException("peer sent " + n);
        }
      } else if (r instanceof DecodeResult.TreatAsWithdraw t) {
        fail(c.name() + ": malformed UPDATE (" + t.reason() + ")");
        apply(session, t.prefixes(), List.of(), null);
      } else {
        throw new IOException(((DecodeResult.SessionReset) r).reason());
      }
    }
  }

  private synchronized void apply(int session, List<Prefix> withdrawn, List<Prefix> nlri,
      AsPath path) {
    for (Prefix p : withdrawn) {
      if (p instanceof Ipv4Prefix v4) {
        long key = Keys.withSession(Keys.prefix(v4), session);
        int old = rib.remove(key);
        if (old >= 0 && matches(key, old)) {
          matching--;
        }
      }
    }
    if (!nlri.isEmpty()) {
      int tag = path != null && path.contains(FeedPlan.CHURN_MARKER_AS) ? 1 : 0;
      for (Prefix p : nlri) {
        long key = Keys.withSession(Keys.prefix((Ipv4Prefix) p), session);
        int old = rib.put(key, tag);
        if (old >= 0 && matches(key, old)) {
          matching--;
        }
        if (matches(key, tag)) {
          matching++;
        }
      }
    }
    updates++;
    lastUpdateAt = System.nanoTime();
    noteMilestones(lastUpdateAt);
    if (completeAt == 0 && matching == expectation.entries() && rib.size() == matching) {
      completeAt = lastUpdateAt;
      notifyAll();
    }
  }

  private void noteMilestones(long now) {
    for (int i = 0; i < MILESTONES.length; i++) {
      if (reachedAt[i] == 0 && matching >= Math.ceil(MILESTONES[i] * expectation.entries())) {
        reachedAt[i] = now;
      }
    }
  }

  /** When the monitor first held 50, 90, 99 and 100 % of the expected routes, in seconds after {@code t0}. */
  synchronized String progress(long t0) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < MILESTONES.length; i++) {
      sb.append(Math.round(MILESTONES[i] * 100)).append(" % at ").append(since(t0, reachedAt[i])).append(", ");
    }
    return sb.append("all at ").append(since(t0, completeAt)).toString();
  }

  private static String since(long t0, long at) {
    return at == 0 ? "–" : String.format(Locale.ROOT, "%.3f s", E2eRun.seconds(at - t0));
  }

  private boolean matches(long key, int tag) {
    boolean marked = expectation.churnMarked() && Keys.churned(key & Keys.PREFIX_MASK);
    return tag == (marked ? 1 : 0);
  }

  /** Sets what to wait for next; recounts the RIB against it. */
  synchronized void expect(Expectation e) {
    expectation = e;
    long[] count = {0};
    rib.forEach((k, v) -> {
      if (matches(k, v)) {
        count[0]++;
      }
    });
    matching = count[0];
    long now = System.nanoTime();
    completeAt = matching == e.entries() && rib.size() == matching ? now : 0;
    Arrays.fill(reachedAt, 0);
    noteMilestones(now);
  }

  synchronized void awaitSessions(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (established() < n) {
      checkFailure();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("monitor has " + established() + " Established sessions"
            + " of " + n + " after " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  private int established() {
    int n = 0;
    for (BgpConnection c : sessions) {
      if (c.peerOpen() != null) {
        n++;
      }
    }
    return n;
  }

  /** Waits until the expectation is met; returns the nanoTime it was. */
  synchronized long awaitComplete(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (completeAt == 0) {
      checkFailure();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("monitor incomplete after " + timeout + ": " + status());
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
    }
    return completeAt;
  }

  /**
   * Waits until no UPDATE has arrived for {@code quiet} (bounded by {@code max}); returns the
   * nanoTime of the last one. After completion a device may still replace best paths.
   */
  long awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      long last;
      synchronized (this) {
        checkFailure();
        last = lastUpdateAt;
      }
      long now = System.nanoTime();
      if (now - last >= quiet.toNanos() || now > deadline) {
        return last;
      }
      Thread.sleep(100);
    }
  }

  synchronized String status() {
    return "holds " + rib.size() + " routes, " + matching + " as expected of "
        + expectation.entries() + ", " + updates + " UPDATEs from " + sessions.size()
        + " session(s)" + (failure == null ? "" : "; failure: " + failure);
  }

  synchronized long routes() {
    return rib.size();
  }

  private void fail(String why) {
    if (!closing) {
      abort("monitor: " + why);
    }
  }

  /**
   * Ends the run: every wait of this monitor throws with {@code why} at once (the first reason
   * given wins). The feeder reports its failures here, because the run waits on the monitor.
   */
  synchronized void abort(String why) {
    if (failure == null) {
      failure = why;
    }
    notifyAll();
  }

  /** Throws with the reason if the run has failed (see {@link #abort}). */
  synchronized void checkFailure() {
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  private void checkHoldTimers() {
    long now = System.nanoTime();
    List<BgpConnection> copy;
    synchronized (this) {
      copy = List.copyOf(sessions);
    }
    for (BgpConnection c : copy) {
      if (c.peerOpen() != null && c.holdTimerExpired(now)) {
        fail(c.name() + ": hold timer expired, nothing from the device for "
            + BgpConnection.HOLD_TIME + " s");
      }
    }
  }

  private void keepalive() {
    List<BgpConnection> copy;
    synchronized (this) {
      copy = List.copyOf(sessions);
    }
    for (BgpConnection c : copy) {
      try {
        if (c.peerOpen() != null) {
          c.sendKeepalive();
        }
      } catch (IOException e) {
        if (!closing) {
          fail(c.describe(e) + " (KEEPALIVE not sent)");
        }
      }
    }
  }

  @Override
  public void close() {
    closing = true;
    keepalives.shutdownNow();
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      // closing for good
    }
    if (nsPool != null) {
      nsPool.shutdownNow();
    }
    try {
      selector.close();
    } catch (IOException e) {
      // closing for good
    }
    List<BgpConnection> copy;
    synchronized (this) {
      copy = List.copyOf(sessions);
    }
    copy.forEach(BgpConnection::close);
  }
}

package dev.podbgp.bgp.session;

import dev.podbgp.bgp.wire.AddressFamily;
import dev.podbgp.bgp.wire.BgpMessage;
import dev.podbgp.bgp.wire.CodecOptions;
import dev.podbgp.bgp.wire.KeepaliveMessage;
import dev.podbgp.bgp.wire.MessageType;
import dev.podbgp.bgp.wire.NotificationMessage;
import dev.podbgp.bgp.wire.OpenMessage;
import dev.podbgp.bgp.wire.RouteRefreshMessage;
import dev.podbgp.bgp.wire.UpdateMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The RFC 4271 §8 state machine of one neighbour. Everything runs on one
 * thread (the {@link SessionScheduler}): no locks. Ours and the neighbour's
 * connection may exist at once until collision detection (§6.8) keeps one;
 * a graceful-restart neighbour's new connection may also stand beside the
 * Established one until its OPEN shows the neighbour restarted. The public
 * methods may be called from any thread.
 */
public final class PeerSession {
    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

    /** RFC 4271 §8.2.2: "a large value" for the hold timer while waiting for the OPEN. */
    static final Duration OPEN_HOLD_TIME = Duration.ofMinutes(4);
    /** UPDATEs per batch handed to the consumer, at most. */
    static final int MAX_BATCH = 1024;
    /**
     * Prefixes per batch, about: a batch is handed over once it holds this many. One socket read can
     * carry a megabyte of UPDATEs, tens of thousands of prefixes, and a batch stays alive, decoded,
     * until the consumer is through it; smaller batches keep that from outliving young collections.
     */
    static final int MAX_BATCH_PREFIXES = 1024;
    /** RFC 9687 §3: the send hold time is at least 8 minutes. */
    static final Duration MIN_SEND_HOLD_TIME = Duration.ofMinutes(8);

    private final PeerConfig config;
    private final PeerId id;
    private final Transport transport;
    private final SessionScheduler thread;
    private final PeerEventSink sink;
    private final Backoff backoff;
    private final OpenMessage localOpen;
    private final PeerCounters counters = new PeerCounters();
    private final PrefixCounter prefixes = new PrefixCounter();

    // Session-thread state.
    private boolean enabled;
    /** Automatic restart is off until an operator starts or resets the session (maximum prefix without restart). */
    private boolean holdDown;
    /** Waiting in Idle before the next automatic start. */
    private boolean idleHold;
    /** The idle wait is the maximum prefix penalty: refuse the peer's connections until it ends. */
    private boolean penalty;
    private Transport.Attempt attempt;
    private SessionScheduler.Timer retryTimer;
    /** Open connections: ours, the peer's, and (graceful restart) a new one beside the Established one. */
    private final List<Conn> conns = new ArrayList<>(3);
    private Conn established;
    private String lastConnectFailure;

    // Published for status(); written only on the session thread.
    private volatile SessionState state = SessionState.IDLE;
    private volatile Instant since;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Negotiated negotiated;
    /** {@code negotiated.codecOptions()}, worked out once per session rather than for every UPDATE sent. */
    private volatile CodecOptions codecOptions;
    /** -1 without a maximum prefix limit: the session then keeps no set of prefixes (the RIB counts them). */
    private volatile long prefixCount;
    private volatile boolean readingPaused;

    public PeerSession(PeerConfig config, Transport transport, SessionScheduler thread, PeerEventSink sink,
                       RandomGenerator random) {
        this.config = config;
        this.id = new PeerId(config.name(), config.address());
        this.transport = transport;
        this.thread = thread;
        this.sink = sink;
        this.backoff = new Backoff(config.connectRetryMin(), config.connectRetryMax(), random);
        this.localOpen = OpenNegotiation.localOpen(config);
        this.since = thread.now();
        this.prefixCount = config.maxPrefix() == null ? -1 : 0;
    }

    public PeerId id() {
        return id;
    }

    public PeerConfig config() {
        return config;
    }

    /** The thread the session runs on; its connections should live there too. */
    SessionScheduler thread() {
        return thread;
    }

    /** What the codec uses on the Established session, or null when there is none; any thread. */
    public CodecOptions codecOptions() {
        return codecOptions;
    }

    /** A snapshot for the CLI and metrics; any thread. */
    public PeerStatus status() {
        return new PeerStatus(id, state, since, lastError, lastErrorAt, negotiated, counters.snapshot(), prefixCount,
                readingPaused);
    }

    /** ManualStart (or AutomaticStart): connect, or wait for the neighbour when passive. */
    public void start() {
        onThread(() -> {
            if (enabled && !holdDown) {
                return;
            }
            enabled = true;
            holdDown = false;
            backoff.reset();
            cancelRetry();
            if (conns.isEmpty() && attempt == null) {
                begin();
            }
        });
    }

    /** Administrative shutdown (Cease/2) with an RFC 9003 communication; the session stays down. */
    public void shutdown(String communication) {
        String why = "administrative shutdown" + (communication == null ? "" : ": " + communication);
        stop(NotificationMessage.shutdown(NotificationMessage.ADMINISTRATIVE_SHUTDOWN, communication), why);
    }

    /** The peer was removed from the configuration (Cease/3); the session stays down. */
    public void deconfigure() {
        stop(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.PEER_DECONFIGURED),
                "administratively removed from the configuration");
    }

    private void stop(NotificationMessage notification, String why) {
        onThread(() -> {
            enabled = false;
            holdDown = false;
            dropAll(notification, why);
            idleHold = false;
            cancelRetry();
            refreshState(why);
        });
    }

    /** Administrative reset (Cease/4) with an RFC 9003 communication; the session comes back by itself. */
    public void reset(String communication) {
        String why = "administrative reset" + (communication == null ? "" : ": " + communication);
        restart(NotificationMessage.shutdown(NotificationMessage.ADMINISTRATIVE_RESET, communication), why);
    }

    /** A setting of this peer changed (Cease/6); the session comes back by itself with it. */
    public void configurationChanged(String what) {
        restart(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.OTHER_CONFIGURATION_CHANGE),
                "administrative reset: " + what);
    }

    private void restart(NotificationMessage notification, String why) {
        onThread(() -> {
            dropAll(notification, why);
            if (!enabled) {
                // A shut-down session stays down; only start() brings it back.
                return;
            }
            holdDown = false;
            backoff.reset();
            cancelRetry();
            idle(config.connectRetryMin(), why);
        });
    }

    /** Sends UPDATEs when Established (dropped otherwise: the whole table is sent again on the next Established). */
    public void send(List<UpdateMessage> updates) {
        onThread(() -> {
            if (established == null) {
                log.debug("peer {}: {} UPDATEs not sent, session is {}", id, updates.size(), state);
                return;
            }
            established.link.send(updates);
            counters.sent(MessageType.UPDATE, updates.size());
        });
    }

    /**
     * Sends the UPDATEs that {@code make} builds, on the session's thread, for the options this
     * session negotiated: packing routes into messages of the negotiated size is work a caller on
     * another thread (the RIB) hands over with them. Dropped when not Established, as {@link #send(List)}.
     */
    public void send(Function<CodecOptions, List<UpdateMessage>> make) {
        onThread(() -> {
            CodecOptions options = codecOptions;
            if (established == null || options == null) {
                log.debug("peer {}: UPDATEs not sent, session is {}", id, state);
                return;
            }
            List<UpdateMessage> updates = make.apply(options);
            established.link.send(updates);
            counters.sent(MessageType.UPDATE, updates.size());
        });
    }

    /** Asks the neighbour to send its routes of {@code family} again (RFC 2918), when it supports that. */
    public void requestRefresh(AddressFamily family) {
        onThread(() -> {
            Conn c = established;
            if (c != null && c.negotiated.routeRefresh() && c.negotiated.families().contains(family)) {
                c.send(RouteRefreshMessage.request(family));
            }
        });
    }

    /** A connection the neighbour opened to us (the listener matched its address to this session). */
    public void incoming(Connection link) {
        onThread(() -> acceptIncoming(link));
    }

    // ---- connecting -------------------------------------------------------------------------------

    private void begin() {
        idleHold = false;
        penalty = false;
        retryTimer = null;
        if (!enabled || holdDown) {
            return;
        }
        if (config.passive()) {
            refreshState("waiting for the peer to connect");
        } else {
            connect();
        }
    }

    private void connect() {
        attempt = transport.connect(config, thread, new Transport.Callback() {
            @Override
            public void connected(Connection link) {
                attempt = null;
                if (!enabled || holdDown || established != null || find(true) != null) {
                    link.close();
                    refreshState("connection not needed");
                    return;
                }
                lastConnectFailure = null;
                Conn c = new Conn(link);
                conns.add(c);
                c.open();
            }

            @Override
            public void failed(String reason) {
                attempt = null;
                // Once per kind of failure, not per retry: counts and ports in the text do not make it new.
                String kind = reason.replaceAll("\\d+", "#");
                if (!kind.equals(lastConnectFailure)) {
                    log.info("peer {}: connect failed: {}", id, reason);
                    lastConnectFailure = kind;
                }
                error("connect failed: " + reason);
                if (conns.isEmpty() && enabled && !holdDown) {
                    retryTimer = thread.schedule(backoff.next(), PeerSession.this::retryConnect);
                }
                refreshState("connect failed");
            }
        });
        refreshState("connecting to " + config.address().getHostAddress() + " port " + config.port());
    }

    private void retryConnect() {
        retryTimer = null;
        if (enabled && !holdDown && conns.isEmpty() && attempt == null) {
            connect();
        }
    }

    private void acceptIncoming(Connection link) {
        String from = link.remoteAddress().getAddress().getHostAddress();
        if (!enabled || holdDown || penalty) {
            log.info("peer {}: refusing connection from {}: session is {}", id, from,
                    enabled ? "held down after exceeding its prefix limit" : "administratively down");
            link.sendAndClose(new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CONNECTION_REJECTED));
            counters.sent(MessageType.NOTIFICATION);
            return;
        }
        if (established != null) {
            if (established.negotiated.peerGracefulRestart() != null) {
                // RFC 4724 §4.2: a graceful-restart peer that connects again may have restarted; its OPEN
                // on the new connection decides (see resolveCollision). Until then the session stays up.
                log.info("peer {}: new connection from {} while Established; a restart if it sends an OPEN", id, from);
            } else {
                log.info("peer {}: refusing second connection from {}: a session is Established (RFC 4271 §6.8)", id, from);
                link.sendAndClose(new NotificationMessage(NotificationMessage.CEASE,
                        NotificationMessage.CONNECTION_COLLISION_RESOLUTION));
                counters.sent(MessageType.NOTIFICATION);
                return;
            }
        }
        Conn previous = find(false);
        if (previous != null && previous != established) {
            drop(previous, null, "replaced by a newer connection from the peer", false);
        }
        cancelRetry();
        idleHold = false;
        Conn c = new Conn(link);
        conns.add(c);
        c.open();
    }

    // ---- going down ---------------------------------------------------------------------------------

    /** Closes every connection and attempt, sending {@code notification} on each. */
    private void dropAll(NotificationMessage notification, String why) {
        if (attempt != null) {
            attempt.cancel();
            attempt = null;
        }
        for (Conn c : conns()) {
            drop(c, notification, why, false);
        }
    }

    /**
     * Closes one connection (sending {@code notification} first, if any). When
     * it was the Established one, the consumer learns the session is down.
     */
    private void drop(Conn c, NotificationMessage notification, String why, boolean gracefulRestart) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        c.stopTimers();
        if (notification != null) {
            c.link.sendAndClose(notification);
            counters.sent(MessageType.NOTIFICATION);
        } else {
            c.link.close();
        }
        conns.remove(c);
        if (c == established) {
            c.flush();
            established = null;
            negotiated = null;
            codecOptions = null;
            prefixes.clear();
            prefixCount = config.maxPrefix() == null ? -1 : 0;
            readingPaused = false;
            // RFC 4724: routes are kept as stale when the connection just broke; any NOTIFICATION ends that.
            boolean gr = gracefulRestart || (notification == null && !c.notified
                    && c.negotiated.peerGracefulRestart() != null);
            sink.accept(new PeerEvent.Down(id, why, gr), () -> { });
        }
    }

    /** After a failure: Idle, then start again after the backoff delay (or the given one). */
    private void failed(Conn c, NotificationMessage notification, String why, Duration restartAfter) {
        error(why);
        drop(c, notification, why, false);
        if (!conns.isEmpty() || attempt != null) {
            refreshState(why);
            return;
        }
        if (!enabled || holdDown) {
            refreshState(why);
            return;
        }
        idle(restartAfter != null ? restartAfter : backoff.next(), why);
    }

    private void idle(Duration restartAfter, String why) {
        cancelRetry();
        idleHold = true;
        retryTimer = thread.schedule(restartAfter, this::begin);
        refreshState(why + "; starting again in " + restartAfter.toMillis() + " ms");
    }

    private void cancelRetry() {
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
    }

    private void error(String why) {
        lastError = why;
        lastErrorAt = thread.now();
    }

    // ---- state --------------------------------------------------------------------------------------

    private List<Conn> conns() {
        return new ArrayList<>(conns);
    }

    /** The open connection in that direction that is not Established, else the Established one, or null. */
    private Conn find(boolean outgoing) {
        Conn any = null;
        for (Conn c : conns) {
            if (c.link.outgoing() == outgoing) {
                if (c != established) {
                    return c;
                }
                any = c;
            }
        }
        return any;
    }

    private void refreshState(String why) {
        SessionState next;
        if (established != null) {
            next = SessionState.ESTABLISHED;
        } else if (!conns.isEmpty()) {
            next = SessionState.OPEN_SENT;
            for (Conn c : conns()) {
                if (c.state == SessionState.OPEN_CONFIRM) {
                    next = SessionState.OPEN_CONFIRM;
                }
            }
        } else if (attempt != null) {
            next = SessionState.CONNECT;
        } else if (enabled && !holdDown && !idleHold) {
            next = SessionState.ACTIVE;
        } else {
            next = SessionState.IDLE;
        }
        SessionState prev = state;
        if (next == prev) {
            return;
        }
        state = next;
        since = thread.now();
        boolean routine = (prev == SessionState.CONNECT || prev == SessionState.ACTIVE)
                && (next == SessionState.CONNECT || next == SessionState.ACTIVE);
        if (routine) {
            log.debug("peer {}: {} -> {} ({})", id, prev, next, why);
        } else {
            log.info("peer {}: {} -> {} ({})", id, prev, next, why);
        }
    }

    private void onThread(Runnable r) {
        if (thread.inThread()) {
            r.run();
        } else {
            thread.execute(r);
        }
    }

    private void resumeReading() {
        thread.execute(() -> {
            if (readingPaused) {
                readingPaused = false;
                if (established != null) {
                    established.link.setReading(true);
                    // The peer's KEEPALIVEs waited in our socket; give it a full hold time to get them through.
                    established.restartHold();
                }
                log.debug("peer {}: consumer caught up, reading again", id);
            }
        });
    }

    /** Hands an event to the consumer; stops reading while the consumer is behind. */
    private void emit(PeerEvent e) {
        if (!sink.accept(e, this::resumeReading) && !readingPaused && established != null) {
            readingPaused = true;
            established.link.setReading(false);
            log.debug("peer {}: consumer is behind, reading paused", id);
        }
    }

    // ---- one connection -----------------------------------------------------------------------------

    /** One TCP connection and its own OpenSent / OpenConfirm / Established progress. */
    private final class Conn implements ConnectionListener {
        final Connection link;
        SessionState state = SessionState.OPEN_SENT;
        boolean closed;
        /** The peer sent a NOTIFICATION on this connection. */
        boolean notified;
        Negotiated negotiated;
        /**
         * The hold timer: ONE scheduled task, not one per received message. A message only
         * records when it came ({@link #lastReceived}); when the task runs early because
         * messages came meanwhile, it schedules itself again for what is left of the hold time.
         */
        SessionScheduler.Timer holdTimer;
        /** The hold time in force in nanoseconds; 0 when there is none (hold time 0 negotiated). */
        long holdNanos;
        /** {@link SessionScheduler#nanoTime} of the last message that restarted the hold timer. */
        long lastReceived;
        final Runnable holdCheck = this::holdExpired;
        SessionScheduler.Timer keepaliveTimer;
        SessionScheduler.Timer sendHoldTimer;
        /** Scratch for the UPDATEs of the next batch; the batch handed over is a copy (PeerEvent.Routes). */
        final List<UpdateMessage> batch = new ArrayList<>();
        /** Prefixes announced and withdrawn in {@link #batch}. */
        int batchPrefixes;
        final Set<AddressFamily> ignoredFamilies = new HashSet<>();

        Conn(Connection link) {
            this.link = link;
        }

        String direction() {
            return link.outgoing() ? "outgoing" : "incoming";
        }

        void open() {
            link.start(this, thread);
            send(localOpen);
            armHold(OPEN_HOLD_TIME);
            refreshState(direction() + " connection " + link.localAddress() + " -> " + link.remoteAddress()
                    + ", OPEN sent");
        }

        void send(BgpMessage m) {
            link.send(m);
            counters.sent(m.type());
        }

        /** Starts the hold timer afresh with hold time {@code d} (zero: no hold timer). */
        void armHold(Duration d) {
            if (holdTimer != null) {
                holdTimer.cancel();
                holdTimer = null;
            }
            holdNanos = d.toNanos();
            lastReceived = thread.nanoTime();
            if (holdNanos > 0) {
                holdTimer = thread.schedule(d, holdCheck);
            }
        }

        /**
         * A message came: the hold time runs from now. Per message this only reads the clock;
         * the scheduled task moves itself when it runs (see {@link #holdExpired}). In OpenSent
         * the large OPEN hold time keeps running (RFC 4271 §8.2.2).
         */
        void restartHold() {
            if (state == SessionState.OPEN_SENT) {
                return;
            }
            lastReceived = thread.nanoTime();
        }

        void holdExpired() {
            holdTimer = null;
            if (closed || holdNanos == 0) {
                return;
            }
            long left = holdNanos - (thread.nanoTime() - lastReceived);
            if (left > 0) {
                // Messages came since the task was scheduled: the hold time has not passed since the last one.
                holdTimer = thread.schedule(Duration.ofNanos(left), holdCheck);
                return;
            }
            if (readingPaused && this == established) {
                // We stopped reading ourselves: the peer's KEEPALIVEs are waiting in our socket.
                armHold(Duration.ofNanos(holdNanos));
                return;
            }
            long secs = state == SessionState.OPEN_SENT ? OPEN_HOLD_TIME.toSeconds() : negotiated.holdTime();
            failed(this, new NotificationMessage(NotificationMessage.HOLD_TIMER_EXPIRED, 0),
                    "hold timer expired: nothing received for " + secs + " s in " + state, null);
        }

        void keepalive() {
            keepaliveTimer = null;
            if (closed) {
                return;
            }
            send(KeepaliveMessage.INSTANCE);
            keepaliveTimer = thread.schedule(Duration.ofSeconds(negotiated.keepaliveTime()), this::keepalive);
        }

        void stopTimers() {
            for (SessionScheduler.Timer t : new SessionScheduler.Timer[] {holdTimer, keepaliveTimer, sendHoldTimer}) {
                if (t != null) {
                    t.cancel();
                }
            }
            holdTimer = null;
            keepaliveTimer = null;
            sendHoldTimer = null;
        }

        @Override
        public void onMessage(BgpMessage m) {
            if (closed) {
                return;
            }
            counters.received(m.type());
            if (m instanceof NotificationMessage n) {
                notified = true;
                String why = "peer sent " + n;
                log.warn("peer {}: {}", id, why);
                failed(this, null, why, null);
                return;
            }
            restartHold();
            switch (state) {
                case OPEN_SENT -> {
                    if (m instanceof OpenMessage open) {
                        receivedOpen(open);
                    } else {
                        fsmError(1, m);
                    }
                }
                case OPEN_CONFIRM -> {
                    if (m instanceof KeepaliveMessage) {
                        becomeEstablished();
                    } else {
                        fsmError(2, m);
                    }
                }
                case ESTABLISHED -> {
                    if (m instanceof UpdateMessage u) {
                        update(u);
                    } else if (m instanceof RouteRefreshMessage rr) {
                        if (negotiated.routeRefresh() && negotiated.families().contains(rr.family())) {
                            flush();
                            emit(new PeerEvent.RefreshRequested(id, rr.family()));
                        }
                    } else if (m instanceof OpenMessage) {
                        fsmError(3, m);
                    }
                }
                default -> throw new IllegalStateException("connection in state " + state);
            }
        }

        private void fsmError(int subcode, BgpMessage m) {
            // RFC 6608 subcodes: unexpected message in OpenSent (1), OpenConfirm (2), Established (3).
            String why = "unexpected " + m.type() + " in " + state;
            log.warn("peer {}: {}", id, why);
            failed(this, new NotificationMessage(NotificationMessage.FSM_ERROR, subcode), why, null);
        }

        private void receivedOpen(OpenMessage open) {
            OpenNegotiation.Outcome outcome = OpenNegotiation.judge(config, localOpen, open);
            if (outcome instanceof OpenNegotiation.Outcome.Rejected r) {
                log.warn("peer {}: OPEN rejected with {}: {}", id, r.notification(), r.reason());
                failed(this, r.notification(), "OPEN rejected: " + r.reason(), null);
                return;
            }
            negotiated = ((OpenNegotiation.Outcome.Accepted) outcome).negotiated();
            state = SessionState.OPEN_CONFIRM;
            send(KeepaliveMessage.INSTANCE);
            armHold(Duration.ofSeconds(negotiated.holdTime()));
            if (negotiated.keepaliveTime() > 0) {
                keepaliveTimer = thread.schedule(Duration.ofSeconds(negotiated.keepaliveTime()), this::keepalive);
            }
            if (!resolveCollision()) {
                refreshState("OPEN received on the " + direction() + " connection");
            }
        }

        /** RFC 4271 §6.8; returns whether this connection was closed. */
        private boolean resolveCollision() {
            if (established != null && established != this) {
                if (established.negotiated.peerGracefulRestart() != null) {
                    // RFC 4724 §4.2: an OPEN on a new connection while Established: the peer restarted.
                    drop(established, null, "peer restarted: new OPEN on a new connection (graceful restart)", true);
                    return false;
                }
                failed(this, collision(), "connection collision with an Established session", null);
                return true;
            }
            Conn other = null;
            for (Conn c : conns) {
                if (c != this && c.state == SessionState.OPEN_CONFIRM) {
                    other = c;
                }
            }
            if (other == null || other.link.outgoing() == link.outgoing()) {
                return false;
            }
            // The connection opened by the speaker with the higher BGP identifier survives.
            boolean weAreHigher = Integer.compareUnsigned(config.routerId(), negotiated.peerRouterId()) > 0;
            Conn loser = weAreHigher == link.outgoing() ? other : this;
            log.info("peer {}: connection collision, closing the {} connection (our id is {})", id,
                    loser.direction(), weAreHigher ? "higher" : "lower");
            failed(loser, collision(), "connection collision resolution", null);
            return loser == this;
        }

        private NotificationMessage collision() {
            return new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CONNECTION_COLLISION_RESOLUTION);
        }

        private void becomeEstablished() {
            state = SessionState.ESTABLISHED;
            established = this;
            for (Conn other : conns()) {
                if (other != this) {
                    drop(other, collision(), "connection collision: the other connection is Established", false);
                }
            }
            if (attempt != null) {
                attempt.cancel();
                attempt = null;
            }
            cancelRetry();
            backoff.reset();
            prefixes.clear();
            PeerSession.this.codecOptions = negotiated.codecOptions();
            PeerSession.this.negotiated = negotiated;
            lastConnectFailure = null;
            refreshState(negotiated.toString());
            emit(new PeerEvent.Established(id, negotiated));
        }

        private void update(UpdateMessage u) {
            AddressFamily eor = u.endOfRibFamily();
            if (eor != null) {
                flush();
                emit(new PeerEvent.EndOfRib(id, eor));
                return;
            }
            AddressFamily foreign = foreignFamily(u);
            if (foreign != null) {
                if (ignoredFamilies.add(foreign)) {
                    log.warn("peer {}: ignoring UPDATEs of {}, a family not negotiated", id, foreign);
                }
                return;
            }
            PeerConfig.MaxPrefix max = config.maxPrefix();
            // Only a limit needs the exact set of live prefixes; without one the session keeps none,
            // which on a full table saves tens of bytes per prefix (the RIB has the count anyway).
            AddressFamily over = null;
            if (max != null) {
                over = prefixes.apply(u, max.limit());
                prefixCount = prefixes.total();
            }
            batch.add(u);
            batchPrefixes += u.announcedCount() + u.withdrawnCount();
            if (over != null) {
                flush();
                maxPrefixExceeded(over, max);
                return;
            }
            if (batch.size() >= MAX_BATCH || batchPrefixes >= MAX_BATCH_PREFIXES) {
                flush();
            }
        }

        private AddressFamily foreignFamily(UpdateMessage u) {
            if (u.mpReach() != null && !negotiated.families().contains(u.mpReach().family())) {
                return u.mpReach().family();
            }
            if (u.mpUnreach() != null && !negotiated.families().contains(u.mpUnreach().family())) {
                return u.mpUnreach().family();
            }
            return null;
        }

        private void maxPrefixExceeded(AddressFamily family, PeerConfig.MaxPrefix max) {
            // RFC 4486 §4: AFI (2 octets), SAFI (1), the limit (4).
            long limit = max.limit();
            byte[] data = {(byte) (family.afi() >>> 8), (byte) family.afi(), (byte) family.safi(),
                    (byte) (limit >>> 24), (byte) (limit >>> 16), (byte) (limit >>> 8), (byte) limit};
            String why = "maximum prefix limit " + limit + " exceeded for " + family
                    + (max.restartAfter() == null ? "; staying down until reset" : "");
            log.warn("peer {}: {}", id, why);
            if (max.restartAfter() == null) {
                holdDown = true;
            } else {
                penalty = true;
            }
            failed(this, new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.MAXIMUM_PREFIXES_REACHED,
                    data), why, max.restartAfter());
        }

        void flush() {
            if (batch.isEmpty() || this != established) {
                return;
            }
            PeerEvent.Routes routes = new PeerEvent.Routes(id, negotiated, batch);
            batch.clear();
            batchPrefixes = 0;
            emit(routes);
        }

        @Override
        public void onProtocolError(NotificationMessage notification, String detail) {
            if (closed) {
                return;
            }
            log.warn("peer {}: malformed message, sending {}: {}", id, notification, detail);
            failed(this, notification, "malformed message: " + detail, null);
        }

        @Override
        public void onReadComplete() {
            if (!closed) {
                flush();
            }
        }

        @Override
        public void onWritabilityChanged(boolean writable) {
            if (closed || negotiated == null || negotiated.holdTime() == 0) {
                return;
            }
            if (writable) {
                if (sendHoldTimer != null) {
                    sendHoldTimer.cancel();
                    sendHoldTimer = null;
                }
            } else if (sendHoldTimer == null) {
                Duration d = sendHoldTime();
                sendHoldTimer = thread.schedule(d, () -> {
                    sendHoldTimer = null;
                    if (!closed) {
                        String why = "send hold timer expired: the peer has not read from its socket for "
                                + d.toSeconds() + " s (RFC 9687)";
                        log.warn("peer {}: {}", id, why);
                        failed(this, new NotificationMessage(NotificationMessage.SEND_HOLD_TIMER_EXPIRED, 0), why, null);
                    }
                });
            }
        }

        private Duration sendHoldTime() {
            if (config.sendHoldTime() != null) {
                return config.sendHoldTime();
            }
            Duration twice = Duration.ofSeconds(2L * negotiated.holdTime());
            return twice.compareTo(MIN_SEND_HOLD_TIME) > 0 ? twice : MIN_SEND_HOLD_TIME;
        }

        @Override
        public void onClosed(String reason) {
            if (closed) {
                return;
            }
            String why = "connection closed in " + state + ": " + reason;
            if (state == SessionState.ESTABLISHED) {
                log.warn("peer {}: {}", id, why);
            }
            failed(this, null, why, null);
        }
    }
}

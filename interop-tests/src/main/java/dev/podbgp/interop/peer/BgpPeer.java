package dev.podbgp.interop.peer;

import java.net.InetAddress;
import java.util.List;

/**
 * One real BGP speaker under test control. Scenarios are written against this interface only, so
 * the same scenario runs against FRR, BIRD or GoBGP, in a namespace or in a container.
 *
 * <p>Queries that the speaker does not answer in time (it is frozen, or down) throw {@link
 * PeerException}; they never block without bound.
 */
public interface BgpPeer extends AutoCloseable {

  /** "frr", "bird" or "gobgp". */
  String kind();

  /** The configuration it was started with, updated by runtime changes (MD5, originations). */
  PeerConfig config();

  /** Writes the configuration and starts the daemon(s); returns once it answers queries. */
  void start();

  /** Stops the daemon(s): SIGTERM, then SIGKILL, bounded. Idempotent. */
  void stop();

  /** Stop, then start with the current configuration (originations made at runtime included). */
  default void restart() {
    stop();
    start();
  }

  boolean isRunning();

  /** SIGSTOP: the speaker stops sending keepalives; its peers' hold timers run out. */
  void freeze();

  /** SIGCONT after {@link #freeze()}. */
  void thaw();

  /** The state of the session with {@code neighbor}, as this speaker reports it. */
  SessionState sessionState(InetAddress neighbor);

  /** Routes of {@code family} this speaker learned from BGP neighbours (its own left out). */
  List<ReceivedRoute> receivedRoutes(Family family);

  /** Starts originating a prefix with the given attributes, at runtime. */
  void originate(Origination origination);

  /** Stops originating a prefix (a withdrawal goes out). */
  void withdraw(Prefix prefix);

  /** Sets (or with {@code null} removes) the TCP MD5 password of a neighbour, at runtime. */
  void setMd5(InetAddress neighbor, String password);

  /** Administrative shutdown of one session, with an RFC 9003 message where supported. */
  void shutdownNeighbor(InetAddress neighbor, String message);

  /** Undoes {@link #shutdownNeighbor}. */
  void enableNeighbor(InetAddress neighbor);

  /**
   * Asks the neighbour to resend its routes (sends ROUTE-REFRESH).
   *
   * @throws UnsupportedOperationException for GoBGP, which does not send one
   */
  void requestRouteRefresh(InetAddress neighbor);

  /** The daemon's log so far (for "the log says why" assertions and failure reports). */
  String log();

  /** Stops the speaker and deletes its work directory (kept with {@code -Dpodbgp.keep=true}). */
  @Override
  void close();
}

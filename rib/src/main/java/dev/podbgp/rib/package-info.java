/**
 * The routing information base of podbgp: Adj-RIB-In per peer, the RFC 4271
 * decision process with ECMP, Loc-RIB, Adj-RIB-Out per peer; IPv4 and IPv6
 * unicast with ADD-PATH; route reflection (RFC 4456), graceful restart in
 * both roles (RFC 4724), per-peer import/export policy with safe pod-network
 * defaults. Pure Java: no Netty, no sockets.
 *
 * <h2>Threading</h2>
 * A {@link dev.podbgp.rib.Rib} is owned by one thread and takes no locks.
 * {@link dev.podbgp.rib.RibRunner} provides that thread and the bounded
 * handoff; time reaches the RIB only through {@link dev.podbgp.rib.RibScheduler}
 * ({@link dev.podbgp.rib.ManualScheduler} in tests).
 *
 * <h2>Session layer → RIB (through {@code RibRunner})</h2>
 * <pre>{@code
 * runner.peerUp(peerId, new PeerInfo(peerAddr, localV4, localV6, peerAsn, peerRouterId,
 *         new PeerCapabilities(families, addPathSendFamilies, routeRefresh, gracefulRestartOrNull)));
 * boolean keepReading = runner.submitUpdates(peerId, decodedUpdates, () -> channel.config().setAutoRead(true));
 * if (!keepReading) channel.config().setAutoRead(false);
 * runner.endOfRib(peerId, family);          // also recognised inside submitted UPDATEs
 * runner.routeRefresh(peerId, family);      // the peer sent ROUTE-REFRESH (subtype 0)
 * runner.refreshBegins(peerId, family);     // BoRR received (RFC 7313); refreshEnds on EoRR
 * runner.peerDown(peerId, graceful);        // graceful: GR negotiated and no NOTIFICATION
 * }</pre>
 * {@code PeerId} must be stable across sessions with the same neighbour
 * (graceful restart matches on it). ADD-PATH identifiers travel in
 * {@code Prefix.pathId()}.
 *
 * <h2>RIB → sessions ({@link dev.podbgp.rib.out.UpdateSink}, on the RIB thread)</h2>
 * {@code send(peerId, PeerUpdate)}: per peer and family, withdrawals, then
 * announcements grouped by attribute set ({@link dev.podbgp.rib.out.Announcement}:
 * attributes, next hop, prefixes), then optionally End-of-RIB; {@code refresh()}
 * marks the re-send answering a ROUTE-REFRESH (wrap in BoRR/EoRR under RFC 7313);
 * {@code PeerUpdate.toMessages()} turns it into unsplit {@code UpdateMessage}s
 * for the codec's packer. {@code requestRouteRefresh(peerId, family)}: send
 * the peer a ROUTE-REFRESH. Both must hand off to the session's event loop.
 *
 * <h2>RIB → FIB writer ({@link dev.podbgp.rib.FibListener}, on the RIB thread)</h2>
 * {@code routesChanged(List<RouteChange>)} after every input batch: for each
 * prefix whose forwarding changed, its complete new state: next hops best
 * first then multipaths, each with the peer it came from; empty with
 * {@code local} for our own prefixes; empty otherwise for a withdrawal.
 * {@code converged()} once after start, when stale kernel routes may go.
 *
 * <h2>Daemon</h2>
 * {@code configurePeer(peerId, PeerConfig)} (applies live, soft
 * reconfiguration), {@code originate(prefix)} / {@code withdrawOrigin(prefix)}
 * for the node's pod CIDRs, {@code nextHopsChanged(resolver)}; snapshots
 * ({@code route}, {@code locRib}, {@code adjRibOut}, {@code stats}) for the
 * control API via {@code runner.call(rib -> ...)}.
 */
package dev.podbgp.rib;

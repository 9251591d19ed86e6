/**
 * BGP sessions: the RFC 4271 state machine ({@link dev.podbgp.bgp.session.PeerSession}),
 * OPEN negotiation ({@link dev.podbgp.bgp.session.OpenNegotiation},
 * {@link dev.podbgp.bgp.session.Negotiated}) and the Netty transport beneath
 * ({@link dev.podbgp.bgp.session.BgpSpeaker}).
 *
 * <p>Threads: each session lives on one Netty event loop and owns its state
 * without locks; its timers are that loop's scheduled tasks, so keepalives go
 * out however busy a flooding peer keeps another channel. A connection's
 * codec options are computed on the connection's own thread from the two
 * OPENs, so the first UPDATE is already read with them.
 *
 * <p>Backpressure: routes leave a session as {@link dev.podbgp.bgp.session.PeerEvent}s
 * through a {@link dev.podbgp.bgp.session.PeerEventSink}; when the sink is over
 * its bound the session turns the channel's autoRead off (the peer's data
 * waits in the kernel; what Netty still reads and decodes is held by the
 * connection and handed over, in order, when reading resumes) and the hold
 * timer is not enforced until reading resumes. An accepted connection is
 * registered on its session's event loop, so pausing acts at once.
 *
 * <p>The FSM depends only on {@link dev.podbgp.bgp.session.Transport},
 * {@link dev.podbgp.bgp.session.Connection} and
 * {@link dev.podbgp.bgp.session.SessionScheduler}, so it is tested with fakes
 * and a manual clock.
 */
package dev.podbgp.bgp.session;

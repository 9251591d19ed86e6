/**
 * Kernel routes: the {@link dev.podbgp.fib.route.Route} model and its rtnetlink codec
 * (byte-for-byte what iproute2 sends), the {@link dev.podbgp.fib.route.Reconciler} that
 * keeps the routes of one protocol in one table equal to a desired set by sending only
 * differences, and the {@link dev.podbgp.fib.route.FibWriter} thread that owns the socket,
 * coalesces changes, resyncs, retries and reports next hops whose interface went down.
 */
package dev.podbgp.fib.route;

/**
 * rtnetlink over jnr-ffi: a raw NETLINK_ROUTE socket ({@link dev.podbgp.fib.netlink.NetlinkSocket},
 * created inside a network namespace when asked), message framing and a general,
 * nesting-aware attribute layer ({@link dev.podbgp.fib.netlink.MessageWriter},
 * {@link dev.podbgp.fib.netlink.NlMessage}, {@link dev.podbgp.fib.netlink.Attributes}),
 * request/ack matching by sequence number with kernel errors as
 * {@link dev.podbgp.fib.netlink.NetlinkException} (errno plus extended-ACK text), and the
 * link and address messages. Knows nothing of routes' meaning or of BGP.
 */
package dev.podbgp.fib.netlink;

package dev.podbgp.fib.route;

/** What identifies a kernel route within one table: destination and metric. */
public record RouteKey(IpPrefix prefix, int metric) {

    @Override
    public String toString() {
        return prefix + " metric " + Integer.toUnsignedString(metric);
    }
}

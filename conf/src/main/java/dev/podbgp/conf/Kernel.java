package dev.podbgp.conf;

import java.time.Duration;
import java.util.Objects;

/**
 * How routes reach the kernel.
 *
 * @param install           false: compute routes but never touch the kernel (e.g. a dedicated route reflector)
 * @param table             routing table number; 254 is "main"
 * @param protocol          rtnetlink protocol marking our routes; 186 is "bgp" in iproute2's rt_protos
 * @param reconcileInterval full comparison of desired and kernel routes this often; 0 only on changes
 */
public record Kernel(boolean install, long table, int protocol, Duration reconcileInterval) {
    public static final int MAIN_TABLE = 254;
    public static final int PROTOCOL_BGP = 186;
    public static final Kernel DEFAULT = new Kernel(true, MAIN_TABLE, PROTOCOL_BGP, Duration.ofSeconds(60));

    public Kernel {
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
    }
}

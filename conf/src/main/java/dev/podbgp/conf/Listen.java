package dev.podbgp.conf;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where podbgpd accepts incoming BGP connections.
 *
 * @param address empty: every local address, IPv4 and IPv6; {@code 0.0.0.0} or {@code ::} as written
 * @param port    0 turns listening off: podbgpd then only connects out
 */
public record Listen(Optional<InetAddress> address, int port) {
    public static final int BGP_PORT = 179;

    public Listen {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    public boolean enabled() {
        return port != 0;
    }
}

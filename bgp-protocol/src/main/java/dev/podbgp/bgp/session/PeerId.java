package dev.podbgp.bgp.session;

import java.net.InetAddress;

/** Names a neighbour in events and status: its configured name and its address. */
public record PeerId(String name, InetAddress address) {
    @Override
    public String toString() {
        String a = address.getHostAddress();
        return name.equals(a) ? a : name + " (" + a + ")";
    }
}

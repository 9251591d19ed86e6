package dev.podbgp.rib;

import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;

import java.net.InetAddress;

/** One route in a peer's Adj-RIB-Out: what we last sent it. */
public record AdvertisedRoute(Prefix prefix, PathAttributes attributes, InetAddress nextHop) {
}

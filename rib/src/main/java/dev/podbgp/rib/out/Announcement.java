package dev.podbgp.rib.out;

import dev.podbgp.bgp.wire.PathAttributes;
import dev.podbgp.bgp.wire.Prefix;
import dev.podbgp.bgp.wire.PrefixList;

import java.net.InetAddress;
import java.util.List;

/**
 * Prefixes to announce that share one attribute set, ready to be packed into
 * as many UPDATE messages as the size limit needs. ADD-PATH peers get the
 * path identifier in each prefix.
 *
 * @param attributes the path attributes, without NEXT_HOP (see {@code nextHop})
 * @param nextHop the next hop to send
 * @param linkLocalNextHop IPv6 link-local next hop to send along, or null
 * @param prefixes the prefixes, all of one family
 */
public record Announcement(PathAttributes attributes, InetAddress nextHop, InetAddress linkLocalNextHop,
                           List<Prefix> prefixes) {
    public Announcement {
        prefixes = PrefixList.copyOf(prefixes);
    }
}

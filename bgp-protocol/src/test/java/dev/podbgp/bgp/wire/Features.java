package dev.podbgp.bgp.wire;

import java.net.Inet4Address;
import java.util.Set;
import java.util.TreeSet;

/** Names of the wire features an UPDATE exercises, so tests can show their generators reach all of them. */
final class Features {
    private Features() {
    }

    static Set<String> of(UpdateMessage m, CodecOptions options) {
        Set<String> f = new TreeSet<>();
        PathAttributes a = m.attributes();
        add(f, a.origin() != null, "ORIGIN");
        if (a.asPath() != null) {
            f.add("AS_PATH");
            boolean wide = false;
            int length = 0;
            for (AsPathSegment s : a.asPath().segments()) {
                length += 2 + 4 * s.size();
                switch (s.type()) {
                    case AS_SET -> f.add("AS_SET");
                    case AS_CONFED_SEQUENCE, AS_CONFED_SET -> f.add("confederation");
                    default -> { }
                }
                for (int i = 0; i < s.size(); i++) {
                    wide |= Integer.compareUnsigned(s.get(i), 0xFFFF) > 0;
                }
            }
            add(f, length > 255 && options.fourOctetAs(), "extended length");
            add(f, wide && !options.fourOctetAs(), "AS4_PATH");
        }
        add(f, a.nextHop() != null, "NEXT_HOP");
        add(f, a.med() != null, "MED");
        add(f, a.localPref() != null, "LOCAL_PREF");
        add(f, a.atomicAggregate(), "ATOMIC_AGGREGATE");
        if (a.aggregator() != null) {
            f.add("AGGREGATOR");
            add(f, !options.fourOctetAs() && Integer.compareUnsigned(a.aggregator().asn(), 0xFFFF) > 0,
                    "AS4_AGGREGATOR");
        }
        add(f, !a.communities().isEmpty(), "COMMUNITIES");
        add(f, a.communities().size() * 4 > 255, "extended length");
        add(f, a.originatorId() != null, "ORIGINATOR_ID");
        add(f, !a.clusterList().isEmpty(), "CLUSTER_LIST");
        add(f, !a.extendedCommunities().isEmpty(), "EXTENDED_COMMUNITIES");
        add(f, !a.largeCommunities().isEmpty(), "LARGE_COMMUNITY");
        for (UnknownAttribute u : a.unknown()) {
            f.add("unknown transitive");
            add(f, u.length() > 255, "extended length");
        }
        add(f, !m.nlri().isEmpty(), "IPv4 NLRI");
        add(f, !m.withdrawn().isEmpty(), "IPv4 withdrawn");
        if (m.mpReach() != null) {
            MpReach r = m.mpReach();
            boolean v4 = r.family().equals(AddressFamily.IPV4_UNICAST);
            if (v4) {
                f.add(r.nextHop() instanceof Inet4Address ? "MP_REACH IPv4" : "MP_REACH IPv4 over IPv6");
            } else {
                f.add("MP_REACH IPv6");
            }
            add(f, r.linkLocalNextHop() != null, "MP_REACH IPv6 link-local");
            add(f, RandomBgp.sizeOf(r.nlri(), RandomBgp.addPath(options, r.family())) > 255, "extended length");
        }
        if (m.mpUnreach() != null && !m.mpUnreach().withdrawn().isEmpty()) {
            f.add(m.mpUnreach().family().equals(AddressFamily.IPV4_UNICAST) ? "MP_UNREACH IPv4" : "MP_UNREACH IPv6");
        }
        AddressFamily eor = m.endOfRibFamily();
        if (eor != null) {
            f.add(m.mpUnreach() == null ? "End-of-RIB IPv4" : "End-of-RIB MP");
        }
        return f;
    }

    private static void add(Set<String> f, boolean condition, String name) {
        if (condition) {
            f.add(name);
        }
    }
}

package dev.podbgp.bgp.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random BGP messages for property tests. Every value it makes is one
 * a correct encoder may send and a correct decoder must give back unchanged
 * (after {@link #expectedAfterDecode}), within the limits of the {@link CodecOptions} they are made for:
 * messages fit the size limit, AS numbers avoid 0 and AS_TRANS, next hops are
 * unicast documentation addresses. A failing case is reproduced from the seed
 * alone, so tests print it.
 */
final class RandomBgp {

    /** Whether NLRI of {@code family} carry path identifiers both ways under {@code options}. */
    static boolean addPath(CodecOptions options, AddressFamily family) {
        return options.sendsPathIds(family) && options.receivesPathIds(family);
    }

    /** Capability codes this codec types; anything else must come back as {@link Capability.Unknown}. */
    static final int[] TYPED_CAPABILITIES = {
        Capability.MULTIPROTOCOL, Capability.ROUTE_REFRESH, Capability.EXTENDED_NEXT_HOP,
        Capability.EXTENDED_MESSAGE, Capability.GRACEFUL_RESTART, Capability.FOUR_OCTET_AS,
        Capability.ADD_PATH, Capability.ENHANCED_ROUTE_REFRESH, Capability.LONG_LIVED_GRACEFUL_RESTART,
        Capability.FQDN,
    };

    /**
     * Attribute type codes an implementation may give meaning to: the IANA
     * registry up to 40, ATTR_SET 128 and reserved 255, plus the codes
     * Wireshark 4.0 interprets (99, 129, 241-243), so that the tshark oracle
     * sees our unknown attributes as unknown too. Unknown ones are drawn from the rest.
     */
    static boolean knownAttributeType(int type) {
        return type <= 40 || type == 99 || type == 128 || type == 129 || (type >= 241 && type <= 243)
                || type == 255;
    }

    private static final int AS_TRANS = OpenMessage.AS_TRANS;

    private final long seed;
    private final Random random;

    RandomBgp(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    long seed() {
        return seed;
    }

    Random random() {
        return random;
    }

    // ---------------------------------------------------------------- numbers

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A size that is usually small and sometimes near {@code max}: lists short and long. */
    int size(int min, int max) {
        int r = random.nextInt(10);
        if (r < 6) {
            return between(min, Math.min(max, min + 3));
        }
        if (r < 9) {
            return between(min, Math.min(max, min + 20));
        }
        return between(min, max);
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** An AS number, never 0 (RFC 7607) nor AS_TRANS; 4-octet values only when {@code fourOctet}. */
    int asn(boolean fourOctet) {
        while (true) {
            int asn;
            if (fourOctet && chance(0.5)) {
                asn = random.nextInt();
                if (Integer.compareUnsigned(asn, 0xFFFF) <= 0) {
                    continue;
                }
            } else {
                asn = between(1, 0xFFFF);
            }
            if (asn != AS_TRANS) {
                return asn;
            }
        }
    }

    /** A unicast IPv4 address from the documentation and private ranges. */
    int ipv4Unicast() {
        int[] bases = {0xC0000200, 0xC6336400, 0xCB007100, 0x0A000000};
        int base = bases[random.nextInt(bases.length)];
        int host = base == 0x0A000000 ? between(1, 0x00FFFFFE) : between(1, 254);
        return base | host;
    }

    Inet4Address ipv4Address() {
        return Ipv4.toInet(ipv4Unicast());
    }

    /** A global IPv6 address in 2001:db8::/32. */
    InetAddress ipv6Global() {
        return Ipv6.toInet(0x20010DB8_00000000L | (random.nextLong() >>> 32), random.nextLong() | 1);
    }

    /** A link-local IPv6 address, fe80::/64. */
    InetAddress ipv6LinkLocal() {
        return Ipv6.toInet(0xFE80_0000_0000_0000L, random.nextLong() | 1);
    }

    AddressFamily anyFamily() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> AddressFamily.IPV4_UNICAST;
            case 2, 3 -> AddressFamily.IPV6_UNICAST;
            case 4 -> AddressFamily.of(between(1, 2), new int[] {2, 4, 5, 70, 128, 133}[random.nextInt(6)]);
            default -> AddressFamily.of(between(0, 0xFFFF), between(0, 255));
        };
    }

    AddressFamily routedFamily() {
        return chance(0.5) ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST;
    }

    // ---------------------------------------------------------------- prefixes

    Ipv4Prefix ipv4Prefix(boolean addPath) {
        int length = chance(0.8) ? between(8, 32) : between(0, 32);
        int address = random.nextInt() & Ipv4Prefix.mask(length);
        return new Ipv4Prefix(address, length, addPath ? pathId() : 0);
    }

    Ipv6Prefix ipv6Prefix(boolean addPath) {
        int length = chance(0.8) ? between(16, 128) : between(0, 128);
        long high = random.nextLong() & Ipv6Prefix.maskHigh(length);
        long low = random.nextLong() & Ipv6Prefix.maskLow(length);
        return new Ipv6Prefix(high, low, length, addPath ? pathId() : 0);
    }

    Prefix prefix(AddressFamily family, boolean addPath) {
        return family.equals(AddressFamily.IPV4_UNICAST) ? ipv4Prefix(addPath) : ipv6Prefix(addPath);
    }

    /** Path identifiers are unsigned 32 bits; 0 is a valid identifier too. */
    private int pathId() {
        return chance(0.1) ? 0 : random.nextInt();
    }

    /** Encoded size of one NLRI: optional path id, length octet, address octets. */
    static int encodedSize(Prefix p, boolean addPath) {
        return (addPath ? 4 : 0) + 1 + (p.length() + 7) / 8;
    }

    /** The NLRI encoding of RFC 4271 §4.3 / RFC 7911 §3, written here so tests need no encoder internals. */
    static void writePrefix(Prefix p, boolean addPath, io.netty.buffer.ByteBuf out) {
        if (addPath) {
            out.writeInt(p.pathId());
        }
        out.writeByte(p.length());
        int octets = (p.length() + 7) / 8;
        for (int i = 0; i < octets; i++) {
            if (p instanceof Ipv4Prefix v4) {
                out.writeByte(v4.address() >>> (24 - 8 * i));
            } else if (p instanceof Ipv6Prefix v6) {
                out.writeByte((int) ((i < 8 ? v6.high() : v6.low()) >>> (56 - 8 * (i & 7))));
            }
        }
    }

    /** Random prefixes of {@code family} whose encoding takes at most {@code budget} bytes. */
    List<Prefix> prefixes(AddressFamily family, boolean addPath, int max, int budget) {
        int n = size(1, max);
        List<Prefix> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Prefix p = prefix(family, addPath);
            int sz = encodedSize(p, addPath);
            if (sz > budget) {
                break;
            }
            budget -= sz;
            out.add(p);
        }
        return out;
    }

    // ---------------------------------------------------------------- OPEN

    /** An OPEN with a random capability set (every typed kind possible, plus unknown ones). */
    OpenMessage open() {
        int asn = asn(true);
        List<Capability> caps = new ArrayList<>();
        // Every capability costs its 2-byte header, and 2 more if the encoder gives it its own
        // optional parameter; the parameters must fit the one-octet length of RFC 4271.
        int budget = 250;
        int count = size(0, 12);
        boolean fourOctetSent = false;
        for (int i = 0; i < count; i++) {
            Capability c = capability(asn);
            int cost = 4 + capabilityValueLength(c);
            if (cost > budget) {
                continue;
            }
            if (c instanceof Capability.FourOctetAs) {
                if (fourOctetSent) {
                    continue;
                }
                fourOctetSent = true;
            }
            budget -= cost;
            caps.add(c);
        }
        int myAs = Integer.compareUnsigned(asn, 0xFFFF) <= 0 ? asn : AS_TRANS;
        if (!fourOctetSent && myAs == AS_TRANS) {
            myAs = between(1, 0xFFFF);
            if (myAs == AS_TRANS) {
                myAs++;
            }
        }
        int hold = chance(0.2) ? 0 : between(3, 0xFFFF);
        int id = ipv4Unicast();
        return new OpenMessage(OpenMessage.VERSION, myAs, hold, id, caps);
    }

    Capability capability(int asn) {
        return switch (random.nextInt(11)) {
            case 0 -> new Capability.Multiprotocol(anyFamily());
            case 1 -> new Capability.RouteRefresh();
            case 2 -> new Capability.EnhancedRouteRefresh();
            case 3 -> new Capability.ExtendedMessage();
            case 4 -> {
                List<Capability.ExtendedNextHop.Entry> e = new ArrayList<>();
                for (int i = size(1, 6); i > 0; i--) {
                    e.add(new Capability.ExtendedNextHop.Entry(anyFamily(), between(1, 2)));
                }
                yield new Capability.ExtendedNextHop(e);
            }
            case 5 -> {
                List<Capability.GracefulRestart.Entry> e = new ArrayList<>();
                for (int i = size(0, 6); i > 0; i--) {
                    e.add(new Capability.GracefulRestart.Entry(anyFamily(), chance(0.5)));
                }
                yield new Capability.GracefulRestart(chance(0.5), chance(0.5), between(0, 4095), e);
            }
            case 6 -> new Capability.FourOctetAs(asn);
            case 7 -> {
                List<Capability.AddPath.Entry> e = new ArrayList<>();
                Capability.AddPath.Direction[] dirs = Capability.AddPath.Direction.values();
                for (int i = size(1, 6); i > 0; i--) {
                    e.add(new Capability.AddPath.Entry(anyFamily(), dirs[random.nextInt(dirs.length)]));
                }
                yield new Capability.AddPath(e);
            }
            case 8 -> {
                List<Capability.LongLivedGracefulRestart.Entry> e = new ArrayList<>();
                for (int i = size(0, 6); i > 0; i--) {
                    e.add(new Capability.LongLivedGracefulRestart.Entry(anyFamily(), chance(0.5), between(0, 0xFFFFFF)));
                }
                yield new Capability.LongLivedGracefulRestart(e);
            }
            case 9 -> new Capability.Fqdn(name(size(1, 40)), chance(0.3) ? "" : name(size(1, 40)));
            default -> new Capability.Unknown(unknownCapabilityCode(), bytes(size(0, 24)));
        };
    }

    /**
     * A capability code no typed capability uses, and none Wireshark 4.0
     * interprets either (0, 3, 4, 7-9, 66-68, 72, 128, 130, 131), so that
     * random bytes in it are not mistaken for a malformed known capability.
     */
    int unknownCapabilityCode() {
        int[] avoid = {0, 3, 4, 7, 8, 9, 66, 67, 68, 72, 128, 130, 131};
        while (true) {
            int code = between(1, 255);
            boolean taken = false;
            for (int t : TYPED_CAPABILITIES) {
                taken |= t == code;
            }
            for (int t : avoid) {
                taken |= t == code;
            }
            if (!taken) {
                return code;
            }
        }
    }

    private String name(int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Length of a capability's value on the wire. */
    static int capabilityValueLength(Capability c) {
        if (c instanceof Capability.Multiprotocol) {
            return 4;
        }
        if (c instanceof Capability.ExtendedNextHop e) {
            return 6 * e.entries().size();
        }
        if (c instanceof Capability.GracefulRestart g) {
            return 2 + 4 * g.families().size();
        }
        if (c instanceof Capability.FourOctetAs) {
            return 4;
        }
        if (c instanceof Capability.AddPath a) {
            return 4 * a.entries().size();
        }
        if (c instanceof Capability.LongLivedGracefulRestart l) {
            return 7 * l.entries().size();
        }
        if (c instanceof Capability.Fqdn f) {
            return 2 + f.hostname().getBytes(StandardCharsets.UTF_8).length
                    + f.domain().getBytes(StandardCharsets.UTF_8).length;
        }
        if (c instanceof Capability.Unknown u) {
            return u.value().length;
        }
        return 0;
    }

    // ---------------------------------------------------------------- attributes

    /**
     * An AS path. Confederation segments appear only towards an internal
     * peer, and towards a 2-octet peer only when every AS fits 2 octets:
     * AS4_PATH may not carry them (RFC 6793 §3), so a path mixing both could
     * not be rebuilt from the wire.
     */
    AsPath asPath(CodecOptions profile, int maxAsns) {
        int segments = size(0, 4);
        boolean fourOctet = profile.fourOctetAs() || chance(0.7);
        // Confederation segments come only from internal peers (RFC 5065 §5.3).
        boolean confed = profile.ibgp() && chance(0.3) && (profile.fourOctetAs() || !fourOctet);
        List<AsPathSegment> out = new ArrayList<>();
        int left = maxAsns;
        for (int i = 0; i < segments && left > 0; i++) {
            AsPathSegment.Type type;
            int r = random.nextInt(10);
            if (confed && out.stream().allMatch(s -> s.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                    || s.type() == AsPathSegment.Type.AS_CONFED_SET) && r < 5) {
                // RFC 5065: confederation segments lead the path.
                type = r < 3 ? AsPathSegment.Type.AS_CONFED_SEQUENCE : AsPathSegment.Type.AS_CONFED_SET;
            } else {
                type = r < 7 ? AsPathSegment.Type.AS_SEQUENCE : AsPathSegment.Type.AS_SET;
            }
            int n = Math.min(left, size(1, AsPathSegment.MAX_SIZE));
            int[] asns = new int[n];
            for (int k = 0; k < n; k++) {
                asns[k] = asn(fourOctet);
            }
            left -= n;
            out.add(new AsPathSegment(type, asns));
        }
        return new AsPath(out);
    }

    /**
     * Path attributes of an announcement: the mandatory ones (ORIGIN,
     * AS_PATH, and NEXT_HOP when {@code withNextHop}) and a random choice of
     * every other kind, within {@code budget} bytes of encoding.
     */
    PathAttributes attributes(CodecOptions profile, boolean withNextHop, int budget) {
        PathAttributes.Builder b = PathAttributes.builder();
        Origin[] origins = Origin.values();
        b.origin(origins[random.nextInt(origins.length)]);
        budget -= 4;
        // AS_PATH and, towards a 2-octet peer, AS4_PATH: up to 8 bytes per AS plus headers.
        int maxAsns = Math.max(0, Math.min(600, (budget / 3 - 40) / 8));
        AsPath path = asPath(profile, chance(0.1) ? maxAsns : Math.min(maxAsns, 40));
        b.asPath(path);
        budget -= asPathBound(path);
        if (withNextHop) {
            b.nextHop(ipv4Address());
            budget -= 8;
        }
        if (chance(0.5)) {
            b.med(random.nextLong() & 0xFFFF_FFFFL);
            budget -= 8;
        }
        if (chance(0.5)) {
            b.localPref(random.nextLong() & 0xFFFF_FFFFL);
            budget -= 8;
        }
        if (chance(0.2)) {
            b.atomicAggregate(true);
            budget -= 4;
        }
        if (chance(0.3)) {
            b.aggregator(new Aggregator(asn(profile.fourOctetAs() || chance(0.5)), ipv4Unicast()));
            budget -= 24;
        }
        if (chance(0.3)) {
            b.originatorId(ipv4Unicast());
            budget -= 8;
        }
        int n;
        if (chance(0.5) && (n = Math.min(size(1, 120), budget / 3 / 4)) > 0) {
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                c[i] = chance(0.1) ? Communities.NO_EXPORT : random.nextInt();
            }
            b.communities(Communities.of(c));
            budget -= 4 + 4 * n;
        }
        if (chance(0.3) && (n = Math.min(size(1, 40), budget / 4 / 4)) > 0) {
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                c[i] = ipv4Unicast();
            }
            b.clusterList(ClusterList.of(c));
            budget -= 4 + 4 * n;
        }
        if (chance(0.4) && (n = Math.min(size(1, 50), budget / 4 / 8)) > 0) {
            long[] c = new long[n];
            for (int i = 0; i < n; i++) {
                c[i] = random.nextLong();
            }
            b.extendedCommunities(ExtendedCommunities.of(c));
            budget -= 4 + 8 * n;
        }
        if (chance(0.4) && (n = Math.min(size(1, 40), budget / 4 / 12)) > 0) {
            List<LargeCommunity> c = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                c.add(new LargeCommunity(random.nextInt(), random.nextInt(), random.nextInt()));
            }
            b.largeCommunities(c);
            budget -= 4 + 12 * n;
        }
        if (chance(0.3)) {
            List<UnknownAttribute> unknown = new ArrayList<>();
            int type = 40;
            for (int i = size(1, 3); i > 0 && budget > 8; i--) {
                type += between(1, 60);
                while (knownAttributeType(type)) {
                    type++;
                }
                if (type > 254) {
                    break;
                }
                int len = Math.min(budget / 2, chance(0.2) ? size(256, 700) : size(0, 40));
                // Sent optional transitive, possibly already Partial from an earlier hop.
                int flags = 0xC0 | (chance(0.3) ? 0x20 : 0);
                unknown.add(new UnknownAttribute(flags, type, bytes(len)));
                budget -= 4 + len;
            }
            b.unknown(unknown);
        }
        return b.build();
    }

    /** Upper bound of AS_PATH plus AS4_PATH bytes. */
    static int asPathBound(AsPath path) {
        int n = 8;
        for (AsPathSegment s : path.segments()) {
            n += 2 * (2 + 4 * s.size());
        }
        return n;
    }

    // ---------------------------------------------------------------- UPDATE

    /** The kinds of UPDATE a session sees. */
    enum UpdateShape {
        IPV4_BODY, IPV4_WITHDRAW, MP_REACH_IPV6, MP_REACH_IPV4, MP_REACH_IPV4_OVER_IPV6, MP_UNREACH,
        MIXED, END_OF_RIB
    }

    UpdateMessage update(CodecOptions profile) {
        UpdateShape[] shapes = UpdateShape.values();
        return update(profile, shapes[random.nextInt(shapes.length)]);
    }

    UpdateMessage update(CodecOptions profile, UpdateShape shape) {
        int budget = profile.maxMessageLength() - 23;
        boolean ap4 = addPath(profile, AddressFamily.IPV4_UNICAST);
        int maxPrefixes = profile.maxMessageLength() > 4096 ? 3000 : 400;
        switch (shape) {
            case IPV4_BODY -> {
                PathAttributes a = attributes(profile, true, budget / 2 + random.nextInt(budget / 2));
                int left = budget - attributesBound(a);
                List<Prefix> withdrawn = chance(0.3) ? prefixes(AddressFamily.IPV4_UNICAST, ap4, maxPrefixes, left / 3)
                        : List.of();
                left -= sizeOf(withdrawn, ap4);
                return new UpdateMessage(withdrawn, a, prefixes(AddressFamily.IPV4_UNICAST, ap4, maxPrefixes, left),
                        null, null);
            }
            case IPV4_WITHDRAW -> {
                return new UpdateMessage(prefixes(AddressFamily.IPV4_UNICAST, ap4, maxPrefixes, budget),
                        PathAttributes.NONE, List.of(), null, null);
            }
            case MP_REACH_IPV6 -> {
                PathAttributes a = attributes(profile, false, budget / 2 + random.nextInt(budget / 2));
                int left = budget - attributesBound(a) - 4 - 5 - 32 - 1;
                InetAddress ll = chance(0.5) ? ipv6LinkLocal() : null;
                return new UpdateMessage(List.of(), a, List.of(), new MpReach(AddressFamily.IPV6_UNICAST, ipv6Global(), ll,
                        prefixes(AddressFamily.IPV6_UNICAST, addPath(profile, AddressFamily.IPV6_UNICAST), maxPrefixes, left)), null);
            }
            case MP_REACH_IPV4 -> {
                PathAttributes a = attributes(profile, false, budget / 2 + random.nextInt(budget / 2));
                int left = budget - attributesBound(a) - 4 - 5 - 4 - 1;
                return new UpdateMessage(List.of(), a, List.of(), new MpReach(AddressFamily.IPV4_UNICAST, ipv4Address(),
                        prefixes(AddressFamily.IPV4_UNICAST, ap4, maxPrefixes, left)), null);
            }
            case MP_REACH_IPV4_OVER_IPV6 -> {
                if (!profile.allowsIpv6NextHop(AddressFamily.IPV4_UNICAST)) {
                    return update(profile, UpdateShape.MP_REACH_IPV4);
                }
                PathAttributes a = attributes(profile, false, budget / 2 + random.nextInt(budget / 2));
                int left = budget - attributesBound(a) - 4 - 5 - 32 - 1;
                InetAddress ll = chance(0.5) ? ipv6LinkLocal() : null;
                return new UpdateMessage(List.of(), a, List.of(), new MpReach(AddressFamily.IPV4_UNICAST, ipv6Global(), ll,
                        prefixes(AddressFamily.IPV4_UNICAST, ap4, maxPrefixes, left)), null);
            }
            case MP_UNREACH -> {
                AddressFamily f = routedFamily();
                return new UpdateMessage(List.of(), PathAttributes.NONE, List.of(), null,
                        new MpUnreach(f, prefixes(f, addPath(profile, f), maxPrefixes, budget - 4 - 3)));
            }
            case MIXED -> {
                // IPv4 withdrawals in the body, IPv6 announcements and withdrawals in MP attributes.
                PathAttributes a = attributes(profile, false, budget / 3);
                int left = budget - attributesBound(a) - 2 * (4 + 5) - 32 - 1;
                List<Prefix> withdrawn = prefixes(AddressFamily.IPV4_UNICAST, ap4, maxPrefixes, left / 3);
                left -= sizeOf(withdrawn, ap4);
                List<Prefix> unreach = prefixes(AddressFamily.IPV6_UNICAST, addPath(profile, AddressFamily.IPV6_UNICAST), maxPrefixes, left / 2);
                left -= sizeOf(unreach, addPath(profile, AddressFamily.IPV6_UNICAST));
                return new UpdateMessage(withdrawn, a, List.of(),
                        new MpReach(AddressFamily.IPV6_UNICAST, ipv6Global(),
                                prefixes(AddressFamily.IPV6_UNICAST, addPath(profile, AddressFamily.IPV6_UNICAST), maxPrefixes, left)),
                        new MpUnreach(AddressFamily.IPV6_UNICAST, unreach));
            }
            case END_OF_RIB -> {
                // Any family: the End-of-RIB of one we do not route must not read as IPv4's (an empty UPDATE).
                return UpdateMessage.endOfRib(chance(0.3) ? AddressFamily.IPV4_UNICAST : anyFamily());
            }
            default -> throw new AssertionError(shape);
        }
    }

    static int sizeOf(List<Prefix> prefixes, boolean addPath) {
        int n = 0;
        for (Prefix p : prefixes) {
            n += encodedSize(p, addPath);
        }
        return n;
    }

    /** Upper bound of the encoded path attributes (every header taken as extended). */
    static int attributesBound(PathAttributes a) {
        int n = 0;
        if (a.origin() != null) {
            n += 5;
        }
        if (a.asPath() != null) {
            n += asPathBound(a.asPath());
        }
        n += a.nextHop() != null ? 8 : 0;
        n += a.med() != null ? 8 : 0;
        n += a.localPref() != null ? 8 : 0;
        n += a.atomicAggregate() ? 4 : 0;
        n += a.aggregator() != null ? 24 : 0;
        n += a.originatorId() != null ? 8 : 0;
        n += a.communities().isEmpty() ? 0 : 4 + 4 * a.communities().size();
        n += a.clusterList().isEmpty() ? 0 : 4 + 4 * a.clusterList().size();
        n += a.extendedCommunities().isEmpty() ? 0 : 4 + 8 * a.extendedCommunities().size();
        n += a.largeCommunities().isEmpty() ? 0 : 4 + 12 * a.largeCommunities().size();
        for (UnknownAttribute u : a.unknown()) {
            n += 4 + u.length();
        }
        return n;
    }

    // ---------------------------------------------------------------- the rest

    NotificationMessage notification() {
        int code = chance(0.9) ? between(1, 8) : between(0, 255);
        int subcode = chance(0.8) ? between(0, 11) : between(0, 255);
        return new NotificationMessage(code, subcode, bytes(size(0, 200)));
    }

    RouteRefreshMessage routeRefresh() {
        return new RouteRefreshMessage(anyFamily(), between(0, 2));
    }

    /** Any message, every type about equally often. */
    BgpMessage message(CodecOptions profile) {
        return switch (random.nextInt(5)) {
            case 0 -> open();
            case 1 -> update(profile);
            case 2 -> notification();
            case 3 -> KeepaliveMessage.INSTANCE;
            default -> routeRefresh();
        };
    }
}

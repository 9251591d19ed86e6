package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Messages FRR, BIRD and GoBGP sent each other (test resources
 * {@code captured/}, see its README). Each one must decode without any
 * issue, with the field values TShark decoded from the same bytes, and
 * re-encode to the same bytes once the sender's free choices are put in our
 * canonical form: attribute order (MP_REACH_NLRI, MP_UNREACH_NLRI, then by
 * type code), the extended-length flag only on values over 255 bytes, and all
 * capabilities in one optional parameter.
 */
class CapturedVectorsTest {
    private static final Pattern ADD_PATH = Pattern.compile("afi/safi (\\d+)/(\\d+)");

    record Vector(String name, byte[] bytes, CodecOptions options, Map<String, List<String>> tshark) {
    }

    @TestFactory
    Stream<DynamicTest> everyCapturedMessage() {
        return vectors().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> check(v)));
    }

    @Test
    void vectorsFromAllThreeSpeakersArePresent() {
        Set<String> speakers = new HashSet<>();
        Set<Integer> types = new HashSet<>();
        for (Vector v : vectors()) {
            speakers.add(v.name().substring(0, v.name().indexOf('/')));
            types.add(v.bytes()[18] & 0xff);
        }
        assertThat(speakers).containsExactlyInAnyOrder("frr", "bird", "gobgp");
        assertThat(types).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    private static void check(Vector v) {
        ByteBuf frame = Unpooled.wrappedBuffer(v.bytes());
        assertThat(BgpDecoder.frameLength(frame, v.options())).isEqualTo(v.bytes().length);
        DecodeResult r = BgpDecoder.decode(frame, v.options());
        assertThat(r).as("outcome").isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded d = (DecodeResult.Decoded) r;
        assertThat(d.issues()).as("attribute issues").isEmpty();

        Map<String, List<String>> ours = fields(d.message());
        for (Map.Entry<String, List<String>> e : ours.entrySet()) {
            List<String> theirs = new ArrayList<>(v.tshark().getOrDefault(e.getKey(), List.of()));
            List<String> mine = new ArrayList<>(e.getValue());
            if (UNORDERED.contains(e.getKey())) {
                Collections.sort(theirs);
                Collections.sort(mine);
            }
            assertThat(mine).as("TShark field %s", e.getKey()).isEqualTo(normalize(e.getKey(), theirs));
        }

        CodecOptions sending = v.options().withAddPath(v.options().addPathReceive(), v.options().addPathReceive());
        byte[] again = Wire.encode(d.message(), sending);
        assertThat(Wire.hex(again)).as("re-encoded").isEqualTo(Wire.hex(canonical(v.bytes())));
    }

    // ---- reading the files ----------------------------------------------------------------------

    static List<Vector> vectors() {
        Path root;
        try {
            var url = CapturedVectorsTest.class.getResource("/captured");
            assertThat(url).as("test resources captured/").isNotNull();
            root = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Vector> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".hex")).sorted().toList()) {
                out.add(read(root.relativize(f).toString(), Files.readAllLines(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static Vector read(String name, List<String> lines) {
        String hex = null;
        Set<AddressFamily> addPath = new HashSet<>();
        boolean ibgp = false;
        Map<String, List<String>> tshark = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("# session:")) {
                ibgp = line.startsWith("# session: iBGP");
            } else if (line.startsWith("# add-path:")) {
                Matcher m = ADD_PATH.matcher(line);
                while (m.find()) {
                    addPath.add(AddressFamily.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                }
            } else if (line.startsWith("#   ")) {
                int eq = line.indexOf(" = ");
                String key = line.substring(4, eq < 0 ? line.length() : eq).trim();
                String value = eq < 0 ? "" : line.substring(eq + 3);
                tshark.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                hex = line.trim();
            }
        }
        assertThat(hex).as("hex line of %s", name).isNotNull();
        // Every OPEN captured carries the 4-octet AS capability; RFC 8950 was offered on the eBGP sessions.
        CodecOptions options = CodecOptions.OPEN_DEFAULTS.withFourOctetAs(true).withExtendedMessage(true)
                .withExtendedNextHop(Set.of(AddressFamily.IPV4_UNICAST)).withAddPath(addPath, Set.of())
                .withIbgp(ibgp);
        byte[] bytes = Wire.hex(hex);
        if ((bytes[18] & 0xff) == 1) {
            options = CodecOptions.OPEN_DEFAULTS;
        }
        return new Vector(name, bytes, options, tshark);
    }

    // ---- the TShark oracle -----------------------------------------------------------------------

    /** Fields whose order in TShark's output follows the wire layout, not ours: compared as multisets. */
    private static final Set<String> UNORDERED = Set.of("bgp.prefix_length", "bgp.nlri_path_id");
    private static final Set<String> ADDRESSES = Set.of("bgp.open.identifier", "bgp.update.path_attribute.next_hop",
            "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6",
            "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local",
            "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4", "bgp.nlri_prefix", "bgp.withdrawn_prefix",
            "bgp.mp_reach_nlri_ipv4_prefix", "bgp.mp_reach_nlri_ipv6_prefix", "bgp.mp_unreach_nlri_ipv4_prefix",
            "bgp.mp_unreach_nlri_ipv6_prefix");

    private static List<String> normalize(String key, List<String> values) {
        if (!ADDRESSES.contains(key)) {
            return values;
        }
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(address(v));
        }
        return out;
    }

    private static String address(String literal) {
        try {
            // Literals only (TShark prints addresses), so no name lookup happens.
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("TShark value \"" + literal + "\" is not an address", e);
        }
    }

    /** The TShark fields our decoded message implies, in TShark's names and formats. */
    static Map<String, List<String>> fields(BgpMessage m) {
        Map<String, List<String>> f = new LinkedHashMap<>();
        put(f, "bgp.type", m.type().code());
        if (m instanceof OpenMessage o) {
            put(f, "bgp.open.version", o.version());
            put(f, "bgp.open.myas", o.myAutonomousSystem());
            put(f, "bgp.open.holdtime", o.holdTime());
            put(f, "bgp.open.identifier", address(Ipv4.format(o.bgpIdentifier())));
            for (String k : List.of("bgp.cap.type", "bgp.cap.4as", "bgp.cap.mp.afi", "bgp.cap.mp.safi",
                    "bgp.cap.ap.afi", "bgp.cap.ap.safi", "bgp.cap.ap.sendreceive", "bgp.cap.gr.timers.restart_time",
                    "bgp.cap.gr.afi", "bgp.cap.gr.safi", "bgp.cap.orf.fqdn.hostname", "bgp.cap.orf.fqdn.domain_name",
                    "bgp.cap.enh.afi", "bgp.cap.enh.safi", "bgp.cap.enh.nhafi", "bgp.cap.unknown")) {
                f.put(k, new ArrayList<>());
            }
            for (Capability c : o.capabilities()) {
                put(f, "bgp.cap.type", c.code());
                if (c instanceof Capability.FourOctetAs a) {
                    put(f, "bgp.cap.4as", Integer.toUnsignedString(a.asn()));
                } else if (c instanceof Capability.Multiprotocol mp) {
                    put(f, "bgp.cap.mp.afi", mp.family().afi());
                    put(f, "bgp.cap.mp.safi", mp.family().safi());
                } else if (c instanceof Capability.AddPath ap) {
                    for (Capability.AddPath.Entry e : ap.entries()) {
                        put(f, "bgp.cap.ap.afi", e.family().afi());
                        put(f, "bgp.cap.ap.safi", e.family().safi());
                        put(f, "bgp.cap.ap.sendreceive", e.direction().code());
                    }
                } else if (c instanceof Capability.GracefulRestart gr) {
                    put(f, "bgp.cap.gr.timers.restart_time", gr.restartTime());
                    for (Capability.GracefulRestart.Entry e : gr.families()) {
                        put(f, "bgp.cap.gr.afi", e.family().afi());
                        put(f, "bgp.cap.gr.safi", e.family().safi());
                    }
                } else if (c instanceof Capability.Fqdn q) {
                    put(f, "bgp.cap.orf.fqdn.hostname", q.hostname());
                    put(f, "bgp.cap.orf.fqdn.domain_name", q.domain());
                } else if (c instanceof Capability.ExtendedNextHop enh) {
                    for (Capability.ExtendedNextHop.Entry e : enh.entries()) {
                        put(f, "bgp.cap.enh.afi", e.family().afi());
                        put(f, "bgp.cap.enh.safi", e.family().safi());
                        put(f, "bgp.cap.enh.nhafi", e.nextHopAfi());
                    }
                } else if (c instanceof Capability.LongLivedGracefulRestart || c instanceof Capability.Unknown) {
                    // TShark 4.0 does not know LLGR: it shows the value bytes.
                    byte[] value = OpenEncoder.capabilityValue(c);
                    if (value.length > 0) {
                        put(f, "bgp.cap.unknown", colonHex(value));
                    }
                }
            }
        } else if (m instanceof UpdateMessage u) {
            updateFields(u, f);
        } else if (m instanceof NotificationMessage n) {
            put(f, "bgp.notify.major_error", n.code());
            if (n.code() == NotificationMessage.CEASE) {
                put(f, "bgp.notify.minor_error_cease", n.subcode());
                f.put("bgp.notify.communication", new ArrayList<>());
                if (n.shutdownCommunication() != null) {
                    put(f, "bgp.notify.communication", n.shutdownCommunication());
                }
            } else if (n.code() == NotificationMessage.HOLD_TIMER_EXPIRED) {
                put(f, "bgp.notify.minor_error_expired", n.subcode());
            } else if (n.code() == NotificationMessage.OPEN_MESSAGE_ERROR) {
                put(f, "bgp.notify.minor_error_open", n.subcode());
                f.put("bgp.notify.error_open.bad_peer_as", new ArrayList<>());
                byte[] data = n.data();
                if (n.subcode() == NotificationMessage.BAD_PEER_AS && (data.length == 2 || data.length == 4)) {
                    // The peer AS we did not expect: FRR sends 2 octets, BIRD 4.
                    long as = 0;
                    for (byte x : data) {
                        as = as << 8 | (x & 0xff);
                    }
                    put(f, "bgp.notify.error_open.bad_peer_as", as);
                }
            }
        } else if (m instanceof RouteRefreshMessage rr) {
            put(f, "bgp.route_refresh.afi", rr.family().afi());
            put(f, "bgp.route_refresh.safi", rr.family().safi());
            put(f, "bgp.route_refresh.subtype", rr.subtype());
        }
        return f;
    }

    private static void updateFields(UpdateMessage u, Map<String, List<String>> f) {
        for (String k : List.of("bgp.update.path_attribute.origin", "bgp.update.path_attribute.as_path_segment.type",
                "bgp.update.path_attribute.as_path_segment.length", "bgp.update.path_attribute.as_path_segment.as4",
                "bgp.update.path_attribute.next_hop", "bgp.update.path_attribute.multi_exit_disc",
                "bgp.update.path_attribute.local_pref",
                "bgp.update.path_attribute.community_as", "bgp.update.path_attribute.community_value",
                "bgp.large_communities.ga", "bgp.large_communities.ldp1", "bgp.large_communities.ldp2",
                "bgp.ext_com.value_as2", "bgp.ext_com.value_an4",
                "bgp.update.path_attribute.mp_reach_nlri.afi", "bgp.update.path_attribute.mp_reach_nlri.safi",
                "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6",
                "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local",
                "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv4",
                "bgp.update.path_attribute.mp_unreach_nlri.afi", "bgp.update.path_attribute.mp_unreach_nlri.safi",
                "bgp.nlri_prefix", "bgp.withdrawn_prefix", "bgp.mp_reach_nlri_ipv4_prefix",
                "bgp.mp_reach_nlri_ipv6_prefix", "bgp.mp_unreach_nlri_ipv4_prefix", "bgp.mp_unreach_nlri_ipv6_prefix",
                "bgp.prefix_length", "bgp.nlri_path_id")) {
            f.put(k, new ArrayList<>());
        }
        PathAttributes a = u.attributes();
        for (Prefix p : u.withdrawn()) {
            prefix(f, "bgp.withdrawn_prefix", p, false);
        }
        MpReach r = u.mpReach();
        if (r != null) {
            put(f, "bgp.update.path_attribute.mp_reach_nlri.afi", r.family().afi());
            put(f, "bgp.update.path_attribute.mp_reach_nlri.safi", r.family().safi());
            boolean v6 = r.nextHop().getAddress().length == 16;
            put(f, "bgp.update.path_attribute.mp_reach_nlri.next_hop." + (v6 ? "ipv6" : "ipv4"),
                    r.nextHop().getHostAddress());
            if (r.linkLocalNextHop() != null) {
                put(f, "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6.link_local",
                        r.linkLocalNextHop().getHostAddress());
            }
            for (Prefix p : r.nlri()) {
                prefix(f, p instanceof Ipv4Prefix ? "bgp.mp_reach_nlri_ipv4_prefix" : "bgp.mp_reach_nlri_ipv6_prefix",
                        p, true);
            }
        }
        MpUnreach un = u.mpUnreach();
        if (un != null) {
            put(f, "bgp.update.path_attribute.mp_unreach_nlri.afi", un.family().afi());
            put(f, "bgp.update.path_attribute.mp_unreach_nlri.safi", un.family().safi());
            for (Prefix p : un.withdrawn()) {
                prefix(f, p instanceof Ipv4Prefix ? "bgp.mp_unreach_nlri_ipv4_prefix"
                        : "bgp.mp_unreach_nlri_ipv6_prefix", p, true);
            }
        }
        if (a.origin() != null) {
            put(f, "bgp.update.path_attribute.origin", a.origin().code());
        }
        if (a.asPath() != null) {
            for (AsPathSegment s : a.asPath().segments()) {
                put(f, "bgp.update.path_attribute.as_path_segment.type", s.type().code());
                put(f, "bgp.update.path_attribute.as_path_segment.length", s.size());
                for (int i = 0; i < s.size(); i++) {
                    put(f, "bgp.update.path_attribute.as_path_segment.as4", Integer.toUnsignedString(s.get(i)));
                }
            }
        }
        if (a.nextHop() != null) {
            put(f, "bgp.update.path_attribute.next_hop", a.nextHop().getHostAddress());
        }
        if (a.med() != null) {
            put(f, "bgp.update.path_attribute.multi_exit_disc", a.med());
        }
        if (a.localPref() != null) {
            put(f, "bgp.update.path_attribute.local_pref", a.localPref());
        }
        for (int i = 0; i < a.communities().size(); i++) {
            int c = a.communities().get(i);
            put(f, "bgp.update.path_attribute.community_as", c >>> 16);
            put(f, "bgp.update.path_attribute.community_value", c & 0xFFFF);
        }
        for (LargeCommunity c : a.largeCommunities()) {
            put(f, "bgp.large_communities.ga", Integer.toUnsignedString(c.globalAdmin()));
            put(f, "bgp.large_communities.ldp1", Integer.toUnsignedString(c.localData1()));
            put(f, "bgp.large_communities.ldp2", Integer.toUnsignedString(c.localData2()));
        }
        for (int i = 0; i < a.extendedCommunities().size(); i++) {
            long c = a.extendedCommunities().get(i);
            if ((c >>> 56 & 0xBF) == 0x00) {
                // 2-octet AS specific (RFC 4360 §3.1): AS in bits 47..32, a 4-octet number below.
                put(f, "bgp.ext_com.value_as2", c >>> 32 & 0xFFFF);
                put(f, "bgp.ext_com.value_an4", Long.toString(c & 0xFFFF_FFFFL));
            }
        }
        for (Prefix p : u.nlri()) {
            prefix(f, "bgp.nlri_prefix", p, false);
        }
    }

    private static void prefix(Map<String, List<String>> f, String key, Prefix p, boolean mp) {
        String text = p.toString();
        String address = text.substring(0, text.indexOf('/'));
        put(f, key, address(address));
        put(f, "bgp.prefix_length", p.length());
        if (mp && p.pathId() != 0) {
            put(f, "bgp.nlri_path_id", Integer.toUnsignedString(p.pathId()));
        }
    }

    private static void put(Map<String, List<String>> f, String key, Object value) {
        f.computeIfAbsent(key, k -> new ArrayList<>()).add(String.valueOf(value));
    }

    private static String colonHex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    // ---- our canonical form of the raw bytes ---------------------------------------------------

    /** The message with the sender's free choices made our way (see the class comment). */
    static byte[] canonical(byte[] m) {
        return switch (m[18]) {
            case 1 -> canonicalOpen(m);
            case 2 -> canonicalUpdate(m);
            default -> m;
        };
    }

    private static byte[] canonicalOpen(byte[] m) {
        ByteBuf caps = Unpooled.buffer();
        int p = 29;
        while (p < m.length) {
            int len = m[p + 1] & 0xff;
            caps.writeBytes(m, p + 2, len);
            p += 2 + len;
        }
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(m, 0, 28);
        if (caps.isReadable()) {
            out.writeByte(caps.readableBytes() + 2);
            out.writeByte(2);
            out.writeByte(caps.readableBytes());
            out.writeBytes(caps);
        } else {
            out.writeByte(0);
        }
        out.setShort(16, out.readableBytes());
        return bytes(out);
    }

    private static byte[] canonicalUpdate(byte[] m) {
        int wlen = (m[19] & 0xff) << 8 | (m[20] & 0xff);
        int aStart = 21 + wlen + 2;
        int alen = (m[21 + wlen] & 0xff) << 8 | (m[22 + wlen] & 0xff);
        int aEnd = aStart + alen;
        List<int[]> attrs = new ArrayList<>(); // flags, type, value offset, value length
        for (int p = aStart; p < aEnd; ) {
            int flags = m[p] & 0xff;
            boolean ext = (flags & 0x10) != 0;
            int len = ext ? (m[p + 2] & 0xff) << 8 | (m[p + 3] & 0xff) : m[p + 2] & 0xff;
            int v = p + (ext ? 4 : 3);
            attrs.add(new int[] {flags, m[p + 1] & 0xff, v, len});
            p = v + len;
        }
        attrs.sort((x, y) -> Integer.compare(rank(x[1]), rank(y[1])));
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(m, 0, aStart - 2);
        out.writeShort(0);
        for (int[] a : attrs) {
            int flags = a[0] & 0xE0;
            if (a[3] > 255) {
                out.writeByte(flags | 0x10).writeByte(a[1]).writeShort(a[3]);
            } else {
                out.writeByte(flags).writeByte(a[1]).writeByte(a[3]);
            }
            out.writeBytes(m, a[2], a[3]);
        }
        out.setShort(aStart - 2, out.writerIndex() - aStart);
        out.writeBytes(m, aEnd, m.length - aEnd);
        out.setShort(16, out.readableBytes());
        return bytes(out);
    }

    private static int rank(int type) {
        return type == 14 ? 0 : type == 15 ? 1 : type + 2;
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}

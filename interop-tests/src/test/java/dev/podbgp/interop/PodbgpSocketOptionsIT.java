package dev.podbgp.interop;

import dev.podbgp.bgp.session.PeerStatus;
import dev.podbgp.bgp.session.SessionState;
import dev.podbgp.bgp.wire.MessageType;
import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.Peers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our socket options seen from outside: tshark on the peer's side of the
 * link reads the TTL / hop limit and DSCP of our packets, and the kernel's
 * TCPMinTTLDrop counter in our namespace proves GTSM's minimum TTL drops a
 * peer that sends with TTL 1. Against FRR, whose TTL is configurable.
 */
@Tag("interop")
class PodbgpSocketOptionsIT {
    private static final Logger log = LoggerFactory.getLogger(PodbgpSocketOptionsIT.class);

    static PodbgpInteropIT.Lab lab() {
        assumeTrue(Peers.FRR.unavailableReason().isEmpty(), () -> "skipped: " + Peers.FRR.unavailableReason().orElse(""));
        assumeTrue(Cmd.executableExists("tshark"), "skipped: tshark is not installed");
        return new PodbgpInteropIT.Lab(Peers.FRR, false);
    }

    /** tshark capturing BGP on {@code iface} inside {@code ns} into {@code file}, once it is ready. */
    static NetnsProcess capture(Netns ns, String iface, Path file, Path logFile) {
        NetnsProcess p = ns.spawn("tshark", List.of("tshark", "-n", "-i", iface, "-f", "tcp port 179", "-w",
                file.toString()), logFile);
        await("tshark captures on " + iface).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(logFile) && Files.readString(logFile).contains("Capturing on"));
        return p;
    }

    /** One line per packet of {@code filter}: the requested fields, tab-separated. */
    static List<String> fields(Path pcap, String filter, String... fields) {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-Y", filter,
                "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        return Cmd.run(cmd).orThrow().stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    static long minTtlDrops(Netns ns) {
        String out = ns.execOrThrow("cat", "/proc/net/netstat");
        List<String> lines = out.lines().filter(l -> l.startsWith("TcpExt:")).toList();
        String[] names = lines.get(0).split("\\s+");
        String[] values = lines.get(1).split("\\s+");
        for (int i = 1; i < names.length; i++) {
            if (names[i].equals("TCPMinTTLDrop")) {
                return Long.parseLong(values[i]);
            }
        }
        throw new IllegalStateException("no TCPMinTTLDrop counter in /proc/net/netstat of " + ns);
    }

    @Test
    void ourPacketsCarryGtsmTtlMultihopHopLimitAndDscpCs6(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws IOException {
        try (PodbgpInteropIT.Lab l = lab()) {
            Path pcap = dir.resolve("bgp.pcap");
            NetnsProcess tshark = capture(l.theirsNs, l.link.b().iface(), pcap, dir.resolve("tshark.log"));
            // IPv4: GTSM (FRR sends with TTL 255 through ebgp-multihop); IPv6: eBGP multihop with hop limit 7.
            l.start(b -> b.build().address() instanceof Inet4Address ? b.gtsm(true) : b.ttl(7),
                    (v6, n) -> v6 ? n : n.multihop(255));
            PodbgpInteropIT.withLogs(l, () -> {
                l.awaitEstablished(false);
                l.awaitEstablished(true);
            });
            tshark.stop();
            InetAddress v4 = l.ours(false);
            InetAddress v6 = l.ours(true);
            // Segments carrying BGP data come from the session's own socket; a SYN-ACK comes from the
            // listener before the peer is known, so it carries the GTSM-safe 255 (and CS6).
            List<String> v4Packets = fields(pcap, "ip.src==" + v4.getHostAddress() + " && tcp.len>0", "ip.ttl",
                    "ip.dsfield.dscp");
            List<String> v6Packets = fields(pcap, "ipv6.src==" + v6.getHostAddress() + " && tcp.len>0", "ipv6.hlim",
                    "ipv6.tclass.dscp");
            List<String> synAcks = fields(pcap, "tcp.srcport==179 && tcp.flags.syn==1 && tcp.flags.ack==1 && (ip.src=="
                    + v4.getHostAddress() + " || ipv6.src==" + v6.getHostAddress() + ")", "ip.ttl", "ipv6.hlim",
                    "ip.dsfield.dscp", "ipv6.tclass.dscp");
            log.info("our SYN-ACKs: {}", synAcks);
            assertThat(synAcks).allSatisfy(p -> assertThat(p.strip().split("\\s+")).containsExactly("255", "48"));
            log.info("captured {} IPv4 and {} IPv6 packets from podbgp; first: {} / {}", v4Packets.size(),
                    v6Packets.size(), v4Packets.isEmpty() ? "-" : v4Packets.get(0), v6Packets.isEmpty() ? "-" : v6Packets.get(0));
            assertThat(v4Packets).isNotEmpty().allSatisfy(p -> assertThat(p).isEqualTo("255\t48"));
            assertThat(v6Packets).isNotEmpty().allSatisfy(p -> assertThat(p).isEqualTo("7\t48"));
        }
    }

    @Test
    void gtsmDropsAPeerThatSendsWithTtlOne() {
        try (PodbgpInteropIT.Lab l = lab()) {
            long before = minTtlDrops(l.oursNs);
            // FRR's eBGP default is TTL 1 on a direct link: under GTSM our kernel must drop its segments.
            l.start(b -> b.gtsm(true), (v6, n) -> n);
            InetAddress them = l.theirs(false);
            PodbgpInteropIT.withLogs(l, () -> {
                await("our kernel drops FRR's TTL-1 segments (TCPMinTTLDrop)").atMost(PodbgpInteropIT.UP)
                        .pollInterval(PodbgpInteropIT.POLL).until(() -> minTtlDrops(l.oursNs) > before);
                PeerStatus s = l.us.status(them);
                assertThat(s.state()).isNotEqualTo(SessionState.ESTABLISHED);
                assertThat(s.counters().received(MessageType.OPEN)).isZero();
            });
        }
    }
}

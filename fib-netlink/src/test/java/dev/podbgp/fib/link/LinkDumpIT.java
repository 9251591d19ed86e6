package dev.podbgp.fib.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podbgp.fib.netlink.AddressInfo;
import dev.podbgp.fib.netlink.LinkInfo;
import dev.podbgp.fib.netlink.Rtnl;
import dev.podbgp.fib.netlink.RtnlConnection;
import dev.podbgp.fib.route.IpPrefix;
import dev.podbgp.fib.testing.NetNs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RTM_GETLINK / RTM_GETADDR dumps and link/address events, checked against iproute2. */
@Tag("netns")
class LinkDumpIT {

    @Test
    void linkAndAddressDumpsAgreeWithIproute2() throws Exception {
        try (NetNs ns = NetNs.create(); RtnlConnection c = RtnlConnection.open(ns.socketOptions())) {
            ns.ip("link set v1 down");
            List<LinkInfo> links = c.dump(Rtnl.RTM_GETLINK, LinkInfo.dumpRequest(), LinkInfo::decode);
            TreeSet<String> ours = new TreeSet<>();
            for (LinkInfo l : links) {
                ours.add(l.index() + " " + l.name() + " " + ((l.flags() & Rtnl.IFF_UP) != 0));
            }
            TreeSet<String> theirs = new TreeSet<>();
            for (Map<String, Object> j : ns.routesLike("-j link show")) {
                @SuppressWarnings("unchecked")
                List<String> flags = (List<String>) j.get("flags");
                theirs.add(j.get("ifindex") + " " + j.get("ifname") + " " + flags.contains("UP"));
            }
            assertThat(ours).isEqualTo(theirs).hasSize(3);
            // v0 is set up but its peer is down: no carrier, so not usable for next hops.
            LinkInfo v0 = links.stream().filter(l -> l.name().equals("v0")).findFirst().orElseThrow();
            assertThat(v0.flags() & Rtnl.IFF_UP).isNotZero();
            assertThat(v0.isUp()).isFalse();
            assertThat(links.stream().filter(l -> l.name().equals("v1")).findFirst().orElseThrow().isUp()).isFalse();
            ns.ip("link set v1 up");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.dump(Rtnl.RTM_GETLINK, LinkInfo.dumpRequest(),
                    LinkInfo::decode).stream().filter(l -> l.name().equals("v0")).allMatch(LinkInfo::isUp));

            List<AddressInfo> addrs = c.dump(Rtnl.RTM_GETADDR, AddressInfo.dumpRequest(), AddressInfo::decode);
            TreeSet<String> ourAddrs = new TreeSet<>();
            for (AddressInfo a : addrs) {
                ourAddrs.add(a.ifindex() + " " + IpPrefix.text(a.address()) + "/" + a.prefixLength());
            }
            TreeSet<String> theirAddrs = new TreeSet<>();
            for (Map<String, Object> j : ns.routesLike("-j addr show")) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> infos = (List<Map<String, Object>>) j.get("addr_info");
                for (Map<String, Object> i : infos) {
                    theirAddrs.add(j.get("ifindex") + " " + i.get("local") + "/" + i.get("prefixlen"));
                }
            }
            assertThat(ourAddrs).isEqualTo(theirAddrs).contains(ns.ifindex("v0") + " 192.0.2.1/24",
                    ns.ifindex("v0") + " 2001:db8::1/64");
        }
    }

    @Test
    void monitorReportsInterfaceDownUpVanishedAndAddresses() throws Exception {
        try (NetNs ns = NetNs.create()) {
            List<String> events = new CopyOnWriteArrayList<>();
            try (LinkMonitor m = LinkMonitor.start(ns.socketOptions(), new LinkMonitor.Listener() {
                @Override
                public void linkChanged(LinkInfo before, LinkInfo now) {
                    events.add(now.name() + (now.deleted() ? " vanished" : now.isUp() ? " up" : " down"));
                }

                @Override
                public void addressChanged(AddressInfo a) {
                    events.add((a.deleted() ? "del " : "add ") + IpPrefix.text(a.address()));
                }
            })) {
                assertThat(m.link(ns.ifindex("v0")).isUp()).isTrue();
                ns.ip("link set v1 down"); // v0 loses carrier with its peer down
                await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("v0 down"));
                ns.ip("link set v1 up");
                await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("v0 up"));
                ns.ip("addr add 198.51.100.1/24 dev v0");
                await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("add 198.51.100.1"));
                ns.ip("addr del 198.51.100.1/24 dev v0");
                await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("del 198.51.100.1"));
                ns.ip("link del v0");
                await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("v0 vanished"));
            }
        }
    }
}

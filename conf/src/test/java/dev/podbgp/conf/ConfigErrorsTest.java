package dev.podbgp.conf;

import static dev.podbgp.conf.Yaml.NODE;
import static dev.podbgp.conf.Yaml.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake yields one message with file, line, column, key path and value. */
class ConfigErrorsTest {

    @Test
    void syntaxErrorIsLocatedAtTheProblem() {
        assertThat(errors("""
                node:
                  name: node-a
                   asn: 64512
                """)).containsExactly("podbgpd.yaml:3:7: YAML syntax error: mapping values are not allowed here"
                + " (expected keys of one mapping indented alike, and quotes around a value that contains ': ')");
    }

    @Test
    void syntaxErrorsCommonSlipsGetAHint() {
        assertThat(errors("node:\n\tname: node-a\n")).containsExactly(
                "podbgpd.yaml:2:1: YAML syntax error: a tab character here"
                        + " (expected spaces: YAML indentation cannot use tabs)");
        assertThat(errors(NODE + "peers:\n  - {name: a, address: 192.0.2.9, asn: 65000, import: {accept: [::/0 le 128]}}\n"))
                .containsExactly("podbgpd.yaml:7:65: YAML syntax error while parsing a flow node: expected the node"
                        + " content, but found ':' (expected quotes around values that contain ':' inside [ ] or { },"
                        + " like \"::/0 le 128\")");
        assertThat(errors("node: {name: \"node-a, asn: 1}\n")).containsExactly(
                "podbgpd.yaml:2:1: YAML syntax error while scanning a quoted scalar that began at line 1, column 14:"
                        + " found unexpected end of stream (expected valid YAML; check indentation and quoting around here)");
    }

    @Test
    void wrongTypeNamesWhatWasFound() {
        assertThat(errors("node: {name: node-a, asn: [64512], address: 192.0.2.1}\n"))
                .containsExactly("podbgpd.yaml:1:27: node.asn: expected an AS number (1..4294967295), found a list");
        assertThat(errors(NODE + "peers:\n  tor1: {}\n"))
                .containsExactly("podbgpd.yaml:7:3: peers: expected a list of peers, each with name, address and asn,"
                        + " found a mapping");
    }

    @Test
    void scalarWhereAListBelongs() {
        assertThat(errors(NODE.replace("[10.244.1.0/24]", "10.244.1.0/24"))).containsExactly(
                "podbgpd.yaml:5:13: node.podCIDRs: expected a list of CIDR prefixes like 10.244.1.0/24, found the value"
                        + " \"10.244.1.0/24\" (write [10.244.1.0/24] for a list of one)");
    }

    @Test
    void emptyValueForAScalar() {
        assertThat(errors(NODE.replace("asn: 64512", "asn:"))).containsExactly(
                "podbgpd.yaml:3:7: node.asn: no value given (expected an AS number (1..4294967295))");
    }

    @Test
    void passiveSessionNeedsListening() {
        assertThat(errors(NODE + "listen: {port: 0}\npeers:\n"
                + "  - {name: a, address: 192.0.2.9, asn: 65000, passive: true}\n"
                + "peerRanges:\n  - {name: r, prefix: 198.51.100.0/24, asn: 65001}\n")).containsExactly(
                "podbgpd.yaml:8:56: peers[0].passive: a passive session waits for the neighbour to connect, but"
                        + " listen.port is 0 (expected listen.port above 0, or passive: false)",
                "podbgpd.yaml:10:5: peerRanges[0]: a range waits for its neighbours to connect, but listen.port is 0"
                        + " (expected listen.port above 0)");
    }

    @Test
    void badCidrSaysWhatACidrLooksLike() {
        assertThat(errors(NODE.replace("[10.244.1.0/24]", "[10.244.1.0, 10.244.1.0/33]"))).containsExactly(
                "podbgpd.yaml:5:14: node.podCIDRs[0]: \"10.244.1.0\" is not a CIDR prefix"
                        + " (expected ADDRESS/LENGTH like 10.244.1.0/24 or fd00:10:244::/64)",
                "podbgpd.yaml:5:26: node.podCIDRs[1]: \"10.244.1.0/33\" has an invalid prefix length \"33\""
                        + " (expected 0..32)");
    }

    @Test
    void hostBitsGiveTheCorrectedPrefix() {
        assertThat(errors(NODE.replace("10.244.1.0/24", "10.244.1.5/24"))).containsExactly(
                "podbgpd.yaml:5:14: node.podCIDRs[0]: \"10.244.1.5/24\" has host bits set"
                        + " (expected the network address: 10.244.1.0/24)");
        assertThat(errors(NODE.replace("10.244.1.0/24", "fd00:10:244:1::1/64"))).containsExactly(
                "podbgpd.yaml:5:14: node.podCIDRs[0]: \"fd00:10:244:1::1/64\" has host bits set"
                        + " (expected the network address: fd00:10:244:1::/64)");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        assertThat(errors(NODE + "timers:\n  holdtime: 30s\n  keepAlive: 10s\n  retry: 1s\n")).containsExactly(
                "podbgpd.yaml:7:3: timers.holdtime: unknown key \"holdtime\" (did you mean \"holdTime\"?)",
                "podbgpd.yaml:8:3: timers.keepAlive: unknown key \"keepAlive\" (did you mean \"keepalive\"?)",
                "podbgpd.yaml:9:3: timers.retry: unknown key \"retry\""
                        + " (expected one of: connectRetry, holdTime, keepalive)");
        assertThat(errors(NODE.replace("podCIDRs", "podCidr"))).containsExactly(
                "podbgpd.yaml:5:3: node.podCidr: unknown key \"podCidr\" (did you mean \"podCIDRs\"?)");
    }

    @Test
    void missingRequiredKeyIsReportedAtItsMapping() {
        assertThat(errors("node:\n  name: node-a\n  address: 192.0.2.1\n")).containsExactly(
                "podbgpd.yaml:2:3: node.asn: required key is missing (expected the cluster's AS number (1..4294967295))");
        assertThat(errors("cluster: {mode: none}\n")).containsExactly(
                "podbgpd.yaml:1:1: node: required key is missing (expected the node section with name, asn and address)");
    }

    @Test
    void duplicateKeyPointsAtTheFirst() {
        assertThat(errors(NODE + "  asn: 64513\n")).containsExactly(
                "podbgpd.yaml:6:3: node.asn: duplicate key (first given at line 3, column 3; expected each key once)");
    }

    @Test
    void duplicatePeerNameAndAddress() {
        assertThat(errors(NODE + """
                peers:
                  - {name: tor1, address: 192.0.2.254, asn: 65000}
                  - {name: tor1, address: 192.0.2.254, asn: 65001}
                """)).containsExactly(
                "podbgpd.yaml:8:12: peers[1].name: \"tor1\" is already the name of peers[0] at line 7, column 12"
                        + " (expected names unique across node, cluster.nodes, peers and peerRanges)",
                "podbgpd.yaml:8:27: peers[1].address: 192.0.2.254 is already the address of peers[0] at line 7,"
                        + " column 27 (expected one session per neighbour address)");
    }

    @Test
    void peerWithTheNodesOwnNameOrAddress() {
        assertThat(errors(NODE + "peers:\n  - {name: node-a, address: 192.0.2.1, asn: 65000}\n")).containsExactly(
                "podbgpd.yaml:7:12: peers[0].name: \"node-a\" is already the name of this node at line 2, column 9"
                        + " (expected names unique across node, cluster.nodes, peers and peerRanges)",
                "podbgpd.yaml:7:29: peers[0].address: 192.0.2.1 is already the address of this node at line 4,"
                        + " column 12 (expected one session per neighbour address)");
    }

    @Test
    void asnOutOfRangeOrMalformed() {
        assertThat(errors(NODE + "peers:\n  - {name: a, address: 192.0.2.9, asn: 4294967296}\n"
                + "  - {name: b, address: 192.0.2.8, asn: 65x}\n  - {name: c, address: 192.0.2.7, asn: 0}\n"
                + "  - {name: d, address: 192.0.2.6, asn: 23456}\n")).containsExactly(
                "podbgpd.yaml:7:40: peers[0].asn: \"4294967296\" is not an AS number (expected 1..4294967295)",
                "podbgpd.yaml:8:40: peers[1].asn: \"65x\" is not an AS number (expected 1..4294967295)",
                "podbgpd.yaml:9:40: peers[2].asn: \"0\" is not an AS number (expected 1..4294967295)",
                "podbgpd.yaml:10:40: peers[3].asn: \"23456\" is AS_TRANS, reserved for 4-byte AS negotiation"
                        + " (expected a real AS number)");
    }

    @Test
    void badDuration() {
        assertThat(errors(NODE + "timers: {connectRetry: 5 s}\nkernel: {reconcileInterval: 60}\n")).containsExactly(
                "podbgpd.yaml:6:24: timers.connectRetry: \"5 s\" is not a duration"
                        + " (expected NUMBER with unit ms, s, m or h, like 90s, 500ms, 2m, 1h30m)",
                "podbgpd.yaml:7:29: kernel.reconcileInterval: \"60\" is not a duration"
                        + " (expected NUMBER with unit ms, s, m or h, like 90s, 500ms, 2m, 1h30m)");
    }

    @Test
    void badPolicyFilter() {
        assertThat(errors(NODE + """
                peers:
                  - name: tor1
                    address: 192.0.2.254
                    asn: 65000
                    import:
                      accept: ["0.0.0.0/0 le 32", "10.0.0.0/8 lt 16", "::/0 le 129"]
                """)).containsExactly(
                "podbgpd.yaml:11:35: peers[0].import.accept[1]: \"10.0.0.0/8 lt 16\" is not a prefix filter"
                        + " (expected PREFIX [ge N] [le N], like \"10.244.0.0/16 le 26\")",
                "podbgpd.yaml:11:55: peers[0].import.accept[2]: \"::/0 le 129\": le 129 is longer than an IPv6"
                        + " address (expected at most 128)");
    }

    @Test
    void geAndLeInconsistent() {
        assertThat(errors(NODE + """
                peers:
                  - name: tor1
                    address: 192.0.2.254
                    asn: 65000
                    export:
                      accept: ["10.244.0.0/16 ge 26 le 24", "10.244.0.0/16 le 8"]
                """)).containsExactly(
                "podbgpd.yaml:11:16: peers[0].export.accept[0]: \"10.244.0.0/16 ge 26 le 24\": ge 26 is greater"
                        + " than le 24 so nothing can match (expected ge <= le)",
                "podbgpd.yaml:11:45: peers[0].export.accept[1]: \"10.244.0.0/16 le 8\": le 8 is shorter than the"
                        + " prefix length 16 (expected le between 16 and 32)");
    }

    @Test
    void holdTimeAndKeepalive() {
        assertThat(errors(NODE + "timers: {holdTime: 2s}\n")).containsExactly(
                "podbgpd.yaml:6:20: timers.holdTime: \"2s\" is not a valid hold time"
                        + " (expected 0 or 3s..65535s, whole seconds)");
        assertThat(errors(NODE + "timers: {holdTime: 30s, keepalive: 30s}\n")).containsExactly(
                "podbgpd.yaml:6:36: timers.keepalive: keepalive 30s with holdTime 30s (timers.holdTime): the session"
                        + " would expire (expected keepalive above 0 and below holdTime, usually a third)");
        assertThat(errors(NODE + "timers: {holdTime: 0, keepalive: 10s}\n")).containsExactly(
                "podbgpd.yaml:6:34: timers.keepalive: keepalive 10s with holdTime 0s (timers.holdTime): keepalives"
                        + " are off when holdTime is 0 (expected keepalive 0s or none)");
    }

    @Test
    void keepaliveIsCheckedAgainstTheInheritedHoldTime() {
        assertThat(errors(NODE + """
                timers: {holdTime: 9s}
                peers:
                  - {name: tor1, address: 192.0.2.254, asn: 65000, timers: {keepalive: 10s}}
                """)).containsExactly(
                "podbgpd.yaml:8:72: peers[0].timers.keepalive: keepalive 10s with holdTime 9s (timers.holdTime): the"
                        + " session would expire (expected keepalive above 0 and below holdTime, usually a third)");
    }

    @Test
    void ipv6NodeNeedsARouterId() {
        assertThat(errors("node: {name: node-a, asn: 64512, address: 2001:db8::1}\n")).containsExactly(
                "podbgpd.yaml:1:7: node.routerId: required key is missing because node.address 2001:db8::1 is IPv6"
                        + " and there is no node.ipv4Address (expected an IPv4-shaped router ID, unique in the AS)");
        assertThat(errors("node: {name: node-a, asn: 64512, address: 2001:db8::1, routerId: 2001:db8::1}\n"))
                .containsExactly("podbgpd.yaml:1:66: node.routerId: \"2001:db8::1\" is not a router ID"
                        + " (expected an IPv4 address like 192.0.2.1; BGP identifiers are IPv4-shaped)");
    }

    @Test
    void podCidrOfAFamilyTheNodeHasNoAddressIn() {
        assertThat(errors(NODE.replace("[10.244.1.0/24]", "[10.244.1.0/24, 'fd00:10:244:1::/64']")
                + "  ipv4Address: 192.0.2.1\n")).containsExactly(
                "podbgpd.yaml:5:29: node.podCIDRs[1]: fd00:10:244:1::/64 is IPv6 but this node has no IPv6 address to"
                        + " advertise as its next hop (expected node.ipv6Address)",
                "podbgpd.yaml:6:16: node.ipv4Address: node.address 192.0.2.1 is already this node's IPv4 address"
                        + " (expected only ipv6Address, for the other family)");
    }

    @Test
    void badAddresses() {
        assertThat(errors(NODE.replace("192.0.2.1", "192.0.2.01") + "peers:\n"
                + "  - {name: a, address: 'fe80::1%eth0', asn: 65000}\n"
                + "  - {name: b, address: '::ffff:192.0.2.9', asn: 65000}\n"
                + "  - {name: c, address: tor.example.com, asn: 65000}\n"
                + "  - {name: d, address: 0.0.0.0, asn: 65000}\n")).containsExactly(
                "podbgpd.yaml:4:12: node.address: \"192.0.2.01\" is not an IP address"
                        + " (expected IPv4 like 192.0.2.1 or IPv6 like 2001:db8::1)",
                "podbgpd.yaml:7:24: peers[0].address: \"fe80::1%eth0\" is not an IPv6 address"
                        + " (expected an address like 2001:db8::1, without zone or brackets)",
                "podbgpd.yaml:8:24: peers[1].address: \"::ffff:192.0.2.9\" is an IPv4-mapped IPv6 address"
                        + " (expected the plain IPv4 address 192.0.2.9)",
                "podbgpd.yaml:9:24: peers[2].address: \"tor.example.com\" is not an IP address"
                        + " (expected IPv4 like 192.0.2.1 or IPv6 like 2001:db8::1)",
                "podbgpd.yaml:10:24: peers[3].address: \"0.0.0.0\" is not a usable address"
                        + " (expected a unicast address, not the wildcard)");
    }

    @Test
    void overlappingPodCidrsBetweenNodes() {
        assertThat(errors(NODE + """
                cluster:
                  nodes:
                    - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}
                    - {name: node-c, address: 192.0.2.3, podCIDRs: [10.244.0.0/22]}
                """)).containsExactly(
                "podbgpd.yaml:9:53: cluster.nodes[1].podCIDRs[0]: 10.244.0.0/22 of node-c overlaps 10.244.1.0/24"
                        + " of node-a at line 5, column 14 (expected every node's pod CIDRs to be disjoint)");
    }

    @Test
    void routeReflectorClientNeedsAReflector() {
        assertThat(errors(NODE + "cluster:\n  mode: route-reflector-client\n"
                + "  nodes: [{name: node-b, address: 192.0.2.2}]\n")).containsExactly(
                "podbgpd.yaml:7:9: cluster.mode: route-reflector-client needs a reflector to peer with"
                        + " (expected a cluster.nodes entry with routeReflector: true, or a peer in our own AS)");
        assertThat(errors(NODE + "cluster:\n  mode: route-reflector-client\n"
                + "  nodes: [{name: node-b, address: 192.0.2.2, routeReflector: true}]\n")).isEmpty();
    }

    @Test
    void routeReflectorClientPeerNeedsThisNodeToReflect() {
        assertThat(errors(NODE + "peers:\n  - {name: rr, address: 192.0.2.9, asn: 64512, routeReflectorClient: true}\n"))
                .containsExactly("podbgpd.yaml:7:70: peers[0].routeReflectorClient: this node is not a route reflector"
                        + " (expected cluster.routeReflector to be set)");
    }

    @Test
    void misspeltEnumValueSuggests() {
        assertThat(errors(NODE + "cluster: {mode: fullmesh}\n")).containsExactly(
                "podbgpd.yaml:6:17: cluster.mode: \"fullmesh\" is not a cluster mode"
                        + " (expected full-mesh, route-reflector-client or none; did you mean \"full-mesh\"?)");
    }

    @Test
    void templates() {
        assertThat(errors(NODE + """
                peerTemplates:
                  tor: {asn: 65000, address: 192.0.2.254, holdTime: 9s}
                peers:
                  - {name: tor1, address: 192.0.2.254, template: tors}
                """)).containsExactly(
                "podbgpd.yaml:7:21: peerTemplates.tor.address: \"address\" cannot be given in a template"
                        + " (expected it on each peer or range)",
                "podbgpd.yaml:7:43: peerTemplates.tor.holdTime: unknown key \"holdTime\" here"
                        + " (did you mean timers: {holdTime: ...}?)",
                "podbgpd.yaml:9:5: peers[0].asn: required key is missing"
                        + " (expected the neighbour's AS number, here or in its template)",
                "podbgpd.yaml:9:50: peers[0].template: \"tors\" is not a template in peerTemplates"
                        + " (did you mean \"tor\"?)");
    }

    @Test
    void templateMistakeIsReportedOnceForAllItsPeers() {
        assertThat(errors(NODE + """
                peerTemplates:
                  tor: {asn: 65000, port: 70000}
                peers:
                  - {name: tor1, address: 192.0.2.254, template: tor}
                  - {name: tor2, address: 192.0.2.253, template: tor}
                """)).containsExactly("podbgpd.yaml:7:27: peerTemplates.tor.port: \"70000\" is out of range for a TCP port"
                + " (expected 1..65535)");
    }

    @Test
    void multihopAndTtlSecurityExcludeEachOther() {
        assertThat(errors(NODE + "peers:\n  - {name: t, address: 192.0.2.9, asn: 65000, multihop: 2, ttlSecurity: 1}\n"))
                .containsExactly("podbgpd.yaml:7:73: peers[0].ttlSecurity: ttlSecurity and multihop"
                        + " (peers[0].multihop) exclude each other: GTSM always sends TTL 255 (expected only one of them)");
    }

    @Test
    void yaml11BooleansAreRefused() {
        assertThat(errors(NODE + "gracefulRestart: {enabled: yes}\n")).containsExactly(
                "podbgpd.yaml:6:28: gracefulRestart.enabled: \"yes\" is not a boolean"
                        + " (expected true or false; YAML 1.2 reads yes/no/on/off as strings)");
    }

    @Test
    void policySetThatCanNeverApply() {
        assertThat(errors(NODE + "peers:\n  - {name: t, address: 192.0.2.9, asn: 65000,"
                + " import: {set: {localPref: 200}}, export: {set: {localPref: 5}}}\n")).containsExactly(
                "podbgpd.yaml:7:61: peers[0].import.set: set has no effect because this policy accepts no route"
                        + " (expected accept filters, matchCommunities or default: accept beside it)",
                "podbgpd.yaml:7:106: peers[0].export.set.localPref: localPref is not sent to a peer in another AS"
                        + " (expected it on import, or med on export)");
    }

    @Test
    void kernelTableAndProtocolOfOthersAreRefused() {
        assertThat(errors(NODE + "kernel: {table: local, protocol: 2}\n")).containsExactly(
                "podbgpd.yaml:6:17: kernel.table: \"local\" is the kernel's local table"
                        + " (expected main or a table of your own)",
                "podbgpd.yaml:6:34: kernel.protocol: \"2\" is a protocol the kernel and static routes use"
                        + " (expected bgp (186) or another number 5..255, so podbgpd never touches routes it does not own)");
    }

    @Test
    void tunnelKeysMustFitTheMode() {
        assertThat(errors("node: {name: n, asn: 1, address: '2001:db8::1', routerId: 192.0.2.1}\n"
                + "tunnel: {mode: ipip, vni: 7}\n")).containsExactly(
                "podbgpd.yaml:2:16: tunnel.mode: ipip carries IPv4 between IPv4 addresses but node.address"
                        + " 2001:db8::1 is IPv6 (expected vxlan or none)",
                "podbgpd.yaml:2:27: tunnel.vni: vni applies to VXLAN but mode is ipip (expected mode: vxlan,"
                        + " or no tunnel.vni)");
        assertThat(errors(NODE + "tunnel: {when: cross-subnet}\n")).containsExactly(
                "podbgpd.yaml:6:16: tunnel.when: when applies to a tunnel but mode is none"
                        + " (expected mode: ipip or vxlan, or no tunnel.when)");
    }

    @Test
    void yaml11MergeKeysAreNamedAsSuch() {
        assertThat(errors("base: &b {asn: 64512}\nnode:\n  <<: *b\n  name: n\n  address: 192.0.2.1\n")).contains(
                "podbgpd.yaml:3:3: node.<<: merge keys (<<) are YAML 1.1, not 1.2 (expected the keys written out,"
                        + " or peerTemplates for shared peer settings)");
    }

    @Test
    void unreadableOrNonUtf8File(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThat(ConfigLoader.strict().check(missing).errors()).extracting(ConfigProblem::toString).containsExactly(
                missing + ":1:1: \"" + missing + "\" cannot be read: no such file (expected a readable YAML file)");
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "node: {name: n\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(ConfigLoader.strict().check(latin1).errors()).extracting(ConfigProblem::toString).containsExactly(
                latin1 + ":1:1: \"" + latin1 + "\" is not valid UTF-8 text (expected a UTF-8 YAML file)");
    }

    @Test
    void loadNamesTheFileAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("podbgpd.yaml");
        Files.writeString(file, NODE.replace("64512", "65x"));
        assertThatThrownBy(() -> ConfigLoader.strict().load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3:8: node.asn: \"65x\" is not an AS number (expected 1..4294967295)");
    }

    @Test
    void peerRanges() {
        assertThat(errors(NODE + "peerRanges:\n  - {name: r1, prefix: 198.51.100.0/24, asn: 65001, port: 1179}\n"
                + "  - {name: r2, prefix: 198.51.100.128/25, asn: 65001}\n")).containsExactly(
                "podbgpd.yaml:7:59: peerRanges[0].port: port does not apply to a range: its neighbours connect to us"
                        + " (expected it only on peers)",
                "podbgpd.yaml:8:24: peerRanges[1].prefix: 198.51.100.128/25 overlaps 198.51.100.0/24 of peerRanges[0]"
                        + " at line 7, column 24 (expected disjoint ranges, so each neighbour has exactly one)");
    }

    @Test
    void clusterEntryForThisNodeMustAgree() {
        assertThat(errors(NODE + "cluster:\n  nodes:\n    - {name: node-a, address: 192.0.2.1,"
                + " podCIDRs: [10.244.9.0/24], routeReflector: true}\n")).containsExactly(
                "podbgpd.yaml:8:52: cluster.nodes[0].podCIDRs: this entry is this node (node-a) but its podCIDRs"
                        + " [10.244.9.0/24] differ from node.podCIDRs [10.244.1.0/24] (expected the same prefixes)",
                "podbgpd.yaml:8:85: cluster.nodes[0].routeReflector: this entry is this node (node-a) and is marked"
                        + " routeReflector, but cluster.routeReflector is not set (expected cluster.routeReflector on a"
                        + " reflector)");
    }

    @Test
    void reflectorMustNotBeAClientOnly() {
        assertThat(errors(NODE + "cluster:\n  mode: route-reflector-client\n  routeReflector: {clusterId: 0.0.0.0}\n"
                + "  nodes: [{name: b, address: 192.0.2.2, routeReflector: true}]\n")).containsExactly(
                "podbgpd.yaml:8:3: cluster.routeReflector: this node is a route reflector but cluster.mode is"
                        + " route-reflector-client, so it would not peer with its clients (expected mode full-mesh on"
                        + " reflectors)",
                "podbgpd.yaml:8:31: cluster.routeReflector.clusterId: \"0.0.0.0\" is not a cluster ID (expected an"
                        + " IPv4 address like 192.0.2.1 or a number 1..4294967295)");
    }

    @Test
    void familiesAndPrefixLimit() {
        assertThat(errors(NODE + "peers:\n  - {name: t, address: 192.0.2.9, asn: 65000, families: [ipv4, ipv4, ip6],"
                + " maxPrefixes: {restartAfter: 0s}}\n")).containsExactly(
                "podbgpd.yaml:7:64: peers[0].families[1]: ipv4 is listed twice (expected each family once)",
                "podbgpd.yaml:7:70: peers[0].families[2]: \"ip6\" is not an address family (expected ipv4 or ipv6;"
                        + " did you mean \"ipv6\"?)",
                "podbgpd.yaml:7:89: peers[0].maxPrefixes.limit: required key is missing (expected the most prefixes"
                        + " accepted from this neighbour)",
                "podbgpd.yaml:7:104: peers[0].maxPrefixes.restartAfter: \"0s\" is not a valid restart delay"
                        + " (expected a duration above 0, like 5s)");
    }

    @Test
    void sourceAddressFamilyAndEmptyFamilies() {
        assertThat(errors(NODE + "peers:\n  - {name: t, address: '2001:db8::9', asn: 65000, sourceAddress: 192.0.2.1,"
                + " families: []}\n")).containsExactly(
                "podbgpd.yaml:7:66: peers[0].sourceAddress: sourceAddress 192.0.2.1 is IPv4 but the neighbour"
                        + " 2001:db8::9 is IPv6 (expected an address of the same family)",
                "podbgpd.yaml:7:87: peers[0].families: no address family given (expected ipv4, ipv6 or both)");
    }

    @Test
    void metricsListenNeedsBracketsForIpv6() throws ConfigException {
        assertThat(errors(NODE + "metrics: {listen: '::1:9180'}\n")).containsExactly(
                "podbgpd.yaml:6:19: metrics.listen: \"::1:9180\" is not an address and port"
                        + " (expected brackets around an IPv6 address, like [::1]:9179)");
        assertThat(Yaml.config(NODE + "metrics: {listen: '[::1]:9180'}\n").metrics().listen())
                .isEqualTo(new java.net.InetSocketAddress(IpAddresses.parse("::1"), 9180));
        assertThat(Yaml.config(NODE + "metrics: {listen: ':9180'}\n").metrics().listen().getAddress().isAnyLocalAddress())
                .isTrue();
    }

    @Test
    void wholeFileProblems() {
        assertThat(errors("")).containsExactly("podbgpd.yaml:1:1: the file is empty (expected at least the node section)");
        assertThat(errors("- node\n")).containsExactly(
                "podbgpd.yaml:1:1: expected a mapping with the sections node, cluster, peers, ..., found a list");
        assertThat(errors(NODE + "---\n" + NODE)).containsExactly(
                "podbgpd.yaml:7:1: a second YAML document (expected exactly one document in the file)");
    }

    @Test
    void allErrorsOfOnePassComeSortedByPosition() {
        var result = Yaml.check("""
                peers:
                  - {name: tor1, address: 192.0.2.300, asn: 65000}
                metrics: {listen: 'localhost:9179'}
                node:
                  name: node a
                  asn: 64512
                  address: 192.0.2.1
                  bogus: 1
                """);
        assertThat(result.config()).isEmpty();
        assertThat(result.errors()).extracting(p -> p.line() + ":" + p.column() + " " + p.path()).containsExactly(
                "2:27 peers[0].address", "3:19 metrics.listen", "5:9 node.name", "8:3 node.bogus");
        assertThatThrownBy(() -> Yaml.config("node: {name: n, asn: 1, address: 192.0.2.1}\nbgp: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasToString("podbgpd.yaml:2:1: bgp: unknown key \"bgp\" (expected one of: cluster, control, ecmp,"
                        + " gracefulRestart, kernel, listen, metrics, node, peerRanges, peerTemplates, peers, timers,"
                        + " tunnel)");
    }

    @Test
    void exceptionCarriesEveryErrorAndPrintsOnePerLine() {
        try {
            Yaml.config("node: {name: n, asn: x, address: y}\n");
        } catch (ConfigException e) {
            assertThat(e.errors()).hasSize(2);
            assertThat(e.getMessage()).isEqualTo("""
                    podbgpd.yaml:1:22: node.asn: "x" is not an AS number (expected 1..4294967295)
                    podbgpd.yaml:1:34: node.address: "y" is not an IP address (expected IPv4 like 192.0.2.1 or IPv6 like 2001:db8::1)""");
            return;
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void relativePathsResolveAgainstTheFilesDirectory() throws ConfigException {
        PodbgpConfig c = ConfigLoader.withoutFileChecks().parse(NODE + "control: {socket: run/podbgpd.sock}\n"
                + "cluster: {passwordFile: keys/cluster.key}\n", "x.yaml", Path.of("/etc/podbgp"));
        assertThat(c.control().socket()).isEqualTo(Path.of("/etc/podbgp/run/podbgpd.sock"));
        assertThat(c.cluster().passwordFile()).contains(new PasswordFile(Path.of("/etc/podbgp/keys/cluster.key")));
    }
}

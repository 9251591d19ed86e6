#!/bin/bash
# Captures the netlink requests iproute2 sends for the route kinds podbgp encodes, as test
# vectors for Iproute2VectorsTest. Run once as root; needs strace and iproute2. Everything
# happens inside a namespace this script creates and removes.
#   fib-netlink/src/test/resources/iproute2/capture.sh
# Each NAME.vec holds: the command, the message type wanted, the veth ifindex, and the hex of
# the first message of that type iproute2 sent (seq and pid included; the test ignores them).
set -euo pipefail
cd "$(dirname "$0")"
NS=podbgp-vec-$$
trap 'ip netns del $NS 2>/dev/null || true' EXIT
ip netns add $NS
ip -n $NS link set lo up
ip -n $NS link add v0 type veth peer name v1
ip -n $NS link set v0 up
ip -n $NS link set v1 up
ip -n $NS addr add 192.0.2.1/24 dev v0
ip -n $NS addr add 2001:db8::1/64 dev v0 nodad
IFINDEX=$(ip -n $NS -j link show v0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')

EXTRACT=$(cat <<'PY'
import re, sys
name, want, ifindex, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
dumps, cur = [], None
for line in sys.stdin:
    m = re.match(r'\s*(?:\d+\s+)?\|\s*([0-9a-f]{5})\s+((?:[0-9a-f]{2}\s+)+)', line)
    if m:
        if int(m.group(1), 16) == 0:
            cur = bytearray(); dumps.append(cur)
        cur.extend(bytes.fromhex(''.join(m.group(2).split())))
for d in dumps:
    pos = 0
    while pos + 16 <= len(d):
        ln = int.from_bytes(d[pos:pos+4], 'little'); ty = int.from_bytes(d[pos+4:pos+6], 'little')
        if ln < 16: break
        if ty == want:
            with open(name + '.vec', 'w') as f:
                f.write(f'command: {cmd}\ntype: {want}\nifindex: {ifindex}\nhex: {d[pos:pos+ln].hex()}\n')
            print(name, d[pos:pos+ln].hex()); sys.exit(0)
        pos += (ln + 3) & ~3
sys.exit(f'{name}: no message of type {want} captured')
PY
)

capture() { # name msgtype command...
    local name=$1 type=$2; shift 2
    local out
    out=$(ip netns exec $NS strace -f -qq -e trace=sendmsg,sendto -e write=all -o /dev/stdout "$@" 2>/dev/null || true)
    python3 -c "$EXTRACT" "$name" "$type" "$IFINDEX" "$*" <<<"$out"
}

capture v4-gateway 24 ip route replace 10.10.0.0/24 table main proto 186 metric 20 via 192.0.2.2 dev v0
capture v4-gateway-onlink-prefsrc 24 ip route replace 10.10.3.0/24 table main proto 186 metric 30 src 192.0.2.1 via 198.51.100.1 dev v0 onlink
capture v4-dev-only 24 ip route replace 10.10.4.0/24 table main proto 186 metric 20 dev v0
capture v4-table-1000 24 ip route replace 10.10.2.0/24 table 1000 proto 186 metric 20 via 192.0.2.2 dev v0
capture v4-multipath 24 ip route replace 10.10.1.0/24 table main proto 186 metric 20 nexthop via 192.0.2.2 dev v0 weight 1 nexthop via 192.0.2.3 dev v0 weight 3 onlink
capture v4-blackhole 24 ip route replace blackhole 10.20.0.0/16 table main proto 186 metric 20
capture v4-unreachable 24 ip route replace unreachable 10.21.0.0/16 table main proto 186 metric 20
capture v6-gateway 24 ip -6 route replace 2001:db8:10::/64 table main proto 186 metric 20 via 2001:db8::2 dev v0
capture v6-multipath 24 ip -6 route replace 2001:db8:11::/64 table main proto 186 metric 20 nexthop via 2001:db8::2 dev v0 weight 2 nexthop via 2001:db8::3 dev v0 weight 5
capture v6-blackhole 24 ip -6 route replace blackhole 2001:db8:20::/48 table main proto 186 metric 20
capture v6-unreachable 24 ip -6 route replace unreachable 2001:db8:21::/48 table main proto 186 metric 20
capture v4-add 24 ip route add 10.10.6.0/24 table main proto 186 metric 20 via 192.0.2.2 dev v0
capture v6-add-multipath-onlink 24 ip -6 route add 2001:db8:13::/64 table main proto 186 metric 20 nexthop via 2001:db8:99::1 dev v0 weight 3 onlink nexthop via 2001:db8::2 dev v0
capture v4-delete 25 ip route del 10.10.0.0/24 table main proto 186 metric 20
capture v6-delete 25 ip -6 route del 2001:db8:10::/64 table main proto 186 metric 20
capture v4-dump 26 ip -4 route show table main proto 186
capture v6-dump-table-1000 26 ip -6 route show table 1000 proto 186
capture link-dump 18 ip link show
capture addr-dump 22 ip addr show

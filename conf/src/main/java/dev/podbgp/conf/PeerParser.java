package dev.podbgp.conf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.podbgp.conf.ConfigParser.as;
import static dev.podbgp.conf.ConfigParser.or;

/**
 * {@code peerTemplates}, {@code peers} and {@code peerRanges}. A peer or range
 * naming a template reads each key from itself first, then from the template;
 * timers and gracefulRestart merge key by key down to the global sections.
 */
final class PeerParser {
    private static final Scalar<AddressFamily> FAMILY = Scalars.oneOf("an address family", AddressFamily.class,
            AddressFamily::yamlName);
    private static final Scalar<Integer> MULTIHOP = Scalars.integer("a hop count", 1, 255);
    private static final Scalar<Integer> GTSM_HOPS = Scalars.integer("a hop count", 1, 254);
    private static final Scalar<Long> LIMIT = Scalars.longInteger("a prefix limit", 1, 0xffff_ffffL);
    private static final Scalar<Integer> RANGE_LIMIT = Scalars.integer("a session limit", 1, 65535);

    private final ParseContext ctx;
    private final Map<String, Value> templates = new LinkedHashMap<>();
    /** External peers in our own AS: they can serve as route reflectors for route-reflector-client mode. */
    int internalPeers;

    PeerParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    void templates(Value v) {
        if (v == null) {
            return;
        }
        Fields f = v.fields("a mapping from template name to peer settings");
        if (f == null) {
            return;
        }
        for (String name : f.keys()) {
            Value t = f.get(name);
            try {
                Scalars.NAME.parse().apply(name);
            } catch (InvalidValueException e) {
                ctx.problems.error(f.keyPosition(name), t.path(), e.getMessage());
            }
            templates.put(name, t);
            // Checked on its own once, so that mistakes show even in a template no peer uses yet.
            Fields tf = t.fields("a mapping of peer settings");
            if (tf != null) {
                for (String k : List.of("name", "address", "template", "prefix")) {
                    if (tf.has(k)) {
                        tf.handled(k);
                        ctx.problems.error(tf.keyPosition(k), Fields.join(t.path(), k), InvalidValueException.quote(k)
                                + " cannot be given in a template (expected it on each peer or range)");
                    }
                }
                settings(tf, t, null, false, false);
                tf.finish();
            }
        }
    }

    List<Peer> peers(Value v) {
        List<Peer> out = new ArrayList<>();
        List<Value> items = v == null ? List.of() : v.items("peers, each with name, address and asn");
        if (items == null) {
            return out;
        }
        for (Value item : items) {
            Fields own = item.fields("a mapping with name, address, asn, ...");
            if (own == null) {
                continue;
            }
            int before = ctx.problems.errorCount();
            Value nameValue = own.required("name", "the peer's name, used by the CLI and in metrics");
            String name = as(nameValue, Scalars.NAME);
            Value addressValue = own.required("address", "the peer's IP address");
            InetAddress address = as(addressValue, Scalars.ADDRESS);
            Fields template = template(own);
            PeerSettings s = settings(Lookup.layered(template == null ? List.of(own) : List.of(own, template)), item, address,
                    true, false);
            own.finish();
            if (name != null) {
                ctx.names.add(new ParseContext.Located<>(name, nameValue, item.path()));
            }
            if (address != null) {
                ctx.addresses.add(new ParseContext.Located<>(address, addressValue, item.path()));
            }
            if (ctx.problems.errorCount() > before || s == null) {
                continue;
            }
            if (ctx.node != null && s.asn() == ctx.node.asn()) {
                internalPeers++;
            }
            out.add(new Peer(name, address, PeerKind.EXTERNAL, s));
        }
        return out;
    }

    List<PeerRange> ranges(Value v) {
        List<PeerRange> out = new ArrayList<>();
        List<Value> items = v == null ? List.of() : v.items("ranges, each with name, prefix and asn");
        if (items == null) {
            return out;
        }
        for (Value item : items) {
            Fields own = item.fields("a mapping with name, prefix, asn, ...");
            if (own == null) {
                continue;
            }
            int before = ctx.problems.errorCount();
            Value nameValue = own.required("name", "the range's name; its sessions are called NAME-ADDRESS");
            String name = as(nameValue, Scalars.NAME);
            Value prefixValue = own.required("prefix", "the CIDR neighbours may connect from");
            IpPrefix prefix = as(prefixValue, Scalars.PREFIX);
            Integer limit = as(own.get("limit"), RANGE_LIMIT);
            for (String k : List.of("port", "passive")) {
                Value bad = own.get(k);
                if (bad != null) {
                    bad.error(k + " does not apply to a range: its neighbours connect to us (expected it only on peers)");
                }
            }
            Fields template = template(own);
            PeerSettings s = settings(Lookup.layered(template == null ? List.of(own) : List.of(own, template)), item, null,
                    true, true);
            own.finish();
            if (name != null) {
                ctx.names.add(new ParseContext.Located<>(name, nameValue, item.path()));
            }
            if (prefix != null) {
                ctx.ranges.add(new ParseContext.Located<>(prefix, prefixValue, item.path()));
            }
            if (ctx.problems.errorCount() > before || s == null) {
                continue;
            }
            out.add(new PeerRange(name, prefix, limit == null ? 100 : limit, s));
        }
        return out;
    }

    /** The template a peer or range names, as fresh fields (null: none, or an unknown name, reported). */
    private Fields template(Fields own) {
        Value v = own.get("template");
        if (v == null) {
            return null;
        }
        String name = v.as(Scalars.NAME);
        if (name == null) {
            return null;
        }
        Value t = templates.get(name);
        if (t == null) {
            String near = Suggest.closest(name, templates.keySet());
            v.error(InvalidValueException.quote(name) + " is not a template in peerTemplates ("
                    + (near != null ? "did you mean \"" + near + "\"?"
                    : templates.isEmpty() ? "there are none" : "expected one of: " + String.join(", ", templates.keySet()))
                    + ")");
            return null;
        }
        // Its own problems were reported when the template was read; these repeats collapse.
        return t.fields("a mapping of peer settings");
    }

    /**
     * Reads the session settings.
     *
     * @param owner    the peer, range or template mapping (for missing-key messages)
     * @param address  the neighbour's address when known
     * @param complete false for a template on its own: asn may be missing, cross-key checks wait for its peers
     */
    private PeerSettings settings(Lookup l, Value owner, InetAddress address, boolean complete, boolean range) {
        int before = ctx.problems.errorCount();
        Value asnValue = l.get("asn");
        Long asn = as(asnValue, Scalars.ASN);
        if (asnValue == null && complete) {
            ctx.problems.error(owner.position(), Fields.join(owner.path(), "asn"),
                    "required key is missing (expected the neighbour's AS number, here or in its template)");
        }
        Boolean internal = asn == null || ctx.node == null ? null : asn == ctx.node.asn();
        Integer port = as(l.get("port"), Scalars.PORT);
        Value passiveValue = l.get("passive");
        Boolean passive = as(passiveValue, Scalars.BOOL);
        if (complete && ctx.listenDisabled) {
            if (range) {
                owner.error("a range waits for its neighbours to connect, but listen.port is 0"
                        + " (expected listen.port above 0)");
            } else if (Boolean.TRUE.equals(passive)) {
                passiveValue.error("a passive session waits for the neighbour to connect, but listen.port is 0"
                        + " (expected listen.port above 0, or passive: false)");
            }
        }
        Boolean enabled = as(l.get("enabled"), Scalars.BOOL);
        Value sourceValue = l.get("sourceAddress");
        InetAddress source = as(sourceValue, Scalars.ADDRESS);
        if (source != null && address != null && source.getClass() != address.getClass()) {
            sourceValue.error("sourceAddress " + IpAddresses.format(source) + " is " + Scalars.family(source)
                    + " but the neighbour " + IpAddresses.format(address) + " is " + Scalars.family(address)
                    + " (expected an address of the same family)");
        }
        Optional<PasswordFile> password = ctx.passwordFile(l.get("passwordFile"));
        Timers timers = Sessions.timers(ctx, l.all("timers"));
        GracefulRestart gr = Sessions.gracefulRestart(ctx, l.all("gracefulRestart"));
        TtlMode ttl = ttl(l, internal);
        Optional<MaxPrefixes> maxPrefixes = maxPrefixes(l.get("maxPrefixes"));
        Value rrcValue = l.get("routeReflectorClient");
        Boolean rrClient = as(rrcValue, Scalars.BOOL);
        if (Boolean.TRUE.equals(rrClient) && complete) {
            if (!ctx.routeReflector) {
                rrcValue.error("this node is not a route reflector (expected cluster.routeReflector to be set)");
            } else if (Boolean.FALSE.equals(internal)) {
                rrcValue.error("route reflection is for peers in our own AS " + ctx.node.asn()
                        + " but this neighbour is in AS " + asn + " (expected an iBGP neighbour)");
            }
        }
        Boolean nextHopSelf = as(l.get("nextHopSelf"), Scalars.BOOL);
        Set<AddressFamily> families = families(l.get("families"));
        List<IpPrefix> own = ctx.node == null ? List.of() : ctx.node.podCidrs();
        Boolean policyInternal = complete ? internal : null;
        RoutePolicy importPolicy = PolicyParser.parse(l.get("import"), false, policyInternal, List.of(),
                RoutePolicy.REJECT_ALL);
        List<PrefixFilter> ownFilters = own.stream().map(PrefixFilter::exact).toList();
        RoutePolicy exportPolicy = PolicyParser.parse(l.get("export"), true, policyInternal, ownFilters,
                RoutePolicy.exactly(own));
        if (ctx.problems.errorCount() > before || asn == null || timers == null || gr == null || ttl == null
                || maxPrefixes == null || families == null || importPolicy == null || exportPolicy == null) {
            return null;
        }
        return new PeerSettings(asn, or(port, Listen.BGP_PORT), range || or(passive, false), or(enabled, true),
                Optional.ofNullable(source), password, timers, gr, ttl, maxPrefixes, or(rrClient, false),
                or(nextHopSelf, false), families, importPolicy, exportPolicy);
    }

    private TtlMode ttl(Lookup l, Boolean internal) {
        Value multihopValue = l.get("multihop");
        Value gtsmValue = l.get("ttlSecurity");
        Integer multihop = as(multihopValue, MULTIHOP);
        Integer gtsm = as(gtsmValue, GTSM_HOPS);
        if (multihopValue != null && gtsmValue != null) {
            gtsmValue.error("ttlSecurity and multihop (" + multihopValue.path() + ") exclude each other: GTSM always"
                    + " sends TTL 255 (expected only one of them)");
            return null;
        }
        if ((multihopValue != null && multihop == null) || (gtsmValue != null && gtsm == null)) {
            return null;
        }
        if (gtsm != null) {
            return new TtlMode.Gtsm(gtsm);
        }
        if (multihop != null) {
            return new TtlMode.Multihop(multihop);
        }
        // RFC 4271 practice: eBGP neighbours are directly connected unless told otherwise.
        return new TtlMode.Multihop(Boolean.TRUE.equals(internal) ? 255 : 1);
    }

    private Optional<MaxPrefixes> maxPrefixes(Value v) {
        if (v == null) {
            return Optional.empty();
        }
        Fields f = v.fields("a mapping with limit and restartAfter");
        if (f == null) {
            return null;
        }
        Long limit = as(f.required("limit", "the most prefixes accepted from this neighbour"), LIMIT);
        Value restartValue = f.get("restartAfter");
        var restart = as(restartValue, Scalars.positive("restart delay"));
        f.finish();
        if (limit == null || (restartValue != null && restart == null)) {
            return null;
        }
        return Optional.of(new MaxPrefixes(limit, Optional.ofNullable(restart)));
    }

    private Set<AddressFamily> families(Value v) {
        if (v == null) {
            return EnumSet.allOf(AddressFamily.class);
        }
        List<Value> items = v.items("address families (ipv4, ipv6)");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            v.error("no address family given (expected ipv4, ipv6 or both)");
            return null;
        }
        Set<AddressFamily> out = EnumSet.noneOf(AddressFamily.class);
        boolean ok = true;
        for (Value item : items) {
            AddressFamily f = item.as(FAMILY);
            if (f == null) {
                ok = false;
            } else if (!out.add(f)) {
                item.error(f.yamlName() + " is listed twice (expected each family once)");
                ok = false;
            }
        }
        return ok ? out : null;
    }
}

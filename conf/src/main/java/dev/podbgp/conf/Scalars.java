package dev.podbgp.conf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static dev.podbgp.conf.InvalidValueException.notA;
import static dev.podbgp.conf.InvalidValueException.quote;

/**
 * The scalar kinds of the configuration file. Values are read from their text,
 * so {@code asn: "64512"} and {@code asn: 64512} mean the same, and YAML 1.1
 * habits like {@code yes} are refused with a message rather than misread.
 */
final class Scalars {
    private Scalars() {
    }

    static final Scalar<String> NAME = new Scalar<>("a name", text -> {
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,252}")) {
            throw notA(text, "a valid name",
                    "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 253 characters");
        }
        return text;
    });

    static final Scalar<Long> ASN = new Scalar<>("an AS number (1..4294967295)", Asn::parse);

    static final Scalar<InetAddress> ADDRESS = new Scalar<>("an IP address", Scalars::unicast);

    static final Scalar<Inet4Address> ROUTER_ID = new Scalar<>("a router ID (an IPv4 address)", text -> {
        Inet4Address a;
        try {
            a = IpAddresses.parseV4(text);
        } catch (InvalidValueException e) {
            throw notA(text, "a router ID", "an IPv4 address like 192.0.2.1; BGP identifiers are IPv4-shaped");
        }
        if (a.isAnyLocalAddress()) {
            throw notA(text, "a router ID", "a non-zero IPv4 address");
        }
        return a;
    });

    /** CLUSTER_ID: IPv4-shaped or a plain 32-bit number, as FRR and BIRD accept. */
    static final Scalar<Inet4Address> CLUSTER_ID = new Scalar<>("a cluster ID (an IPv4 address or 1..4294967295)", text -> {
        if (text.matches("[0-9]{1,10}")) {
            long v = Long.parseLong(text);
            if (v >= 1 && v <= Asn.MAX) {
                byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
                return (Inet4Address) IpAddresses.byAddress(b);
            }
        } else {
            try {
                Inet4Address a = IpAddresses.parseV4(text);
                if (!a.isAnyLocalAddress()) {
                    return a;
                }
            } catch (InvalidValueException ignored) {
                // fall through to the message below
            }
        }
        throw notA(text, "a cluster ID", "an IPv4 address like 192.0.2.1 or a number 1..4294967295");
    });

    static final Scalar<IpPrefix> PREFIX = new Scalar<>("a CIDR prefix like 10.244.1.0/24", IpPrefix::parse);

    static final Scalar<PrefixFilter> FILTER = new Scalar<>("a prefix filter like \"10.244.0.0/16 le 26\"",
            PrefixFilter::parse);

    static final Scalar<Community> COMMUNITY = new Scalar<>("a community like 64512:100", Community::parse);

    static final Scalar<Duration> DURATION = new Scalar<>("a duration like 90s", Durations::parse);

    static final Scalar<Boolean> BOOL = new Scalar<>("true or false", text -> switch (text) {
        case "true", "True", "TRUE" -> true;
        case "false", "False", "FALSE" -> false;
        default -> throw notA(text, "a boolean", "true or false; YAML 1.2 reads yes/no/on/off as strings");
    });

    static final Scalar<Integer> PORT = integer("a TCP port", 1, 65535);

    static final Scalar<Path> PATH = new Scalar<>("a file path", text -> {
        if (text.isBlank() || text.indexOf('\0') >= 0) {
            throw notA(text, "a file path", "a non-empty path like /etc/podbgp/tor1.key");
        }
        return Path.of(text);
    });

    /** {@code ADDRESS:PORT}, {@code [IPV6]:PORT} or {@code :PORT} for every address. */
    static final Scalar<InetSocketAddress> HOST_PORT = new Scalar<>("an address and port like 127.0.0.1:9179", text -> {
        int colon = text.lastIndexOf(':');
        String expected = "ADDRESS:PORT like 127.0.0.1:9179, [::1]:9179 or :9179 for every address";
        if (colon < 0) {
            throw notA(text, "an address and port", expected);
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (!portText.matches("[1-9][0-9]{0,4}") || Integer.parseInt(portText) > 65535) {
            throw notA(text, "an address and port", expected);
        }
        int port = Integer.parseInt(portText);
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf(':') < 0) {
                throw notA(text, "an address and port", expected);
            }
        } else if (host.indexOf(':') >= 0) {
            throw notA(text, "an address and port", "brackets around an IPv6 address, like [::1]:9179");
        }
        try {
            return new InetSocketAddress(IpAddresses.parse(host), port);
        } catch (InvalidValueException e) {
            throw notA(text, "an address and port", expected);
        }
    });

    /** A whole number in {@code min..max}, named {@code what} in messages. */
    static Scalar<Integer> integer(String what, int min, int max) {
        Scalar<Long> l = longInteger(what, min, max);
        return new Scalar<>(l.expected(), text -> l.parse().apply(text).intValue());
    }

    static Scalar<Long> longInteger(String what, long min, long max) {
        String range = min + ".." + max;
        return new Scalar<>(what + " (" + range + ")", text -> {
            if (!text.matches("-?[0-9]{1,19}")) {
                throw notA(text, what, "a whole number " + range);
            }
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw notA(text, what, "a whole number " + range);
            }
            if (v < min || v > max) {
                throw new InvalidValueException(quote(text) + " is out of range for " + what + " (expected " + range + ")");
            }
            return v;
        });
    }

    /** One of a closed set of words, with a suggestion for near misses. */
    static <E extends Enum<E>> Scalar<E> oneOf(String what, Class<E> type, Function<E, String> yamlName) {
        List<E> values = Arrays.asList(type.getEnumConstants());
        List<String> names = values.stream().map(yamlName).toList();
        String expected = names.size() == 2 ? names.get(0) + " or " + names.get(1)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return new Scalar<>(what + " (" + expected + ")", text -> {
            for (E e : values) {
                if (yamlName.apply(e).equals(text)) {
                    return e;
                }
            }
            String near = Suggest.closest(text, names);
            throw new InvalidValueException(quote(text) + " is not " + what + " (expected " + expected
                    + (near != null ? "; did you mean \"" + near + "\"?" : "") + ")");
        });
    }

    /** A duration that must be whole seconds within {@code min..max} (0 always allowed when allowZero). */
    static Scalar<Duration> seconds(String what, long min, long max, boolean allowZero) {
        String range = (allowZero ? "0 or " : "") + min + "s.." + max + "s, whole seconds";
        return new Scalar<>(what + " (" + range + ")", text -> {
            Duration d = Durations.parse(text);
            if (allowZero && d.isZero()) {
                return d;
            }
            if (d.toMillis() % 1000 != 0 || d.getSeconds() < min || d.getSeconds() > max) {
                throw notA(text, "a valid " + what, range);
            }
            return d;
        });
    }

    /** A duration above zero. */
    static Scalar<Duration> positive(String what) {
        return new Scalar<>(what + " (a duration above 0, like 5s)", text -> {
            Duration d = Durations.parse(text);
            if (d.isZero()) {
                throw notA(text, "a valid " + what, "a duration above 0, like 5s");
            }
            return d;
        });
    }

    private static InetAddress unicast(String text) {
        InetAddress a = IpAddresses.parse(text);
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw notA(text, "a usable address", "a unicast address, not " + (a.isMulticastAddress() ? "multicast" : "the wildcard"));
        }
        return a;
    }

    /** Lower-case family name for messages. */
    static String family(InetAddress a) {
        return a instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    static String family(IpPrefix p) {
        return p.isIpv4() ? "IPv4" : "IPv6";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package dev.podbgp.interop.peer.bird;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code birdc show route all} text. A route starts on a line with the prefix (or, for
 * further routes to the same prefix, an indented line) holding {@code [protocol ...]}; attribute
 * lines follow, tab-indented. Only routes of type BGP are returned.
 */
public final class BirdRouteParser {
  private static final Pattern ROUTE = Pattern.compile(
      "^(\\S+)?\\s+\\S+\\s+\\[(\\S+)\\s[^\\]]*\\]\\s*(\\*)?.*$");
  private static final Pattern PAIR = Pattern.compile("\\((\\d+),\\s*(\\d+)\\)");
  private static final Pattern TRIPLE = Pattern.compile("\\((\\d+),\\s*(\\d+),\\s*(\\d+)\\)");

  private BirdRouteParser() {}

  /**
   * @param protocolToNeighbor maps a BGP protocol name to its neighbour address; routes of
   *     other protocols are skipped
   */
  public static List<ReceivedRoute> parse(String text,
      Function<String, InetAddress> protocolToNeighbor) {
    List<ReceivedRoute> out = new ArrayList<>();
    Builder current = null;
    String prefix = null;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("BIRD ") || line.startsWith("Table ")) {
        continue;
      }
      if (line.startsWith("\t")) {
        if (current != null) {
          current.attribute(line.strip());
        }
        continue;
      }
      Matcher m = ROUTE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("unexpected birdc line: '" + line + "'");
      }
      if (current != null) {
        current.finish().ifPresent(out::add);
      }
      if (m.group(1) != null) {
        prefix = m.group(1);
      }
      if (prefix == null) {
        throw new IllegalArgumentException("birdc route line without a prefix: '" + line + "'");
      }
      InetAddress neighbor = protocolToNeighbor.apply(m.group(2));
      current = neighbor == null ? null
          : new Builder(Prefix.parse(prefix), neighbor, m.group(3) != null);
    }
    if (current != null) {
      current.finish().ifPresent(out::add);
    }
    return out;
  }

  private static final class Builder {
    final Prefix prefix;
    final InetAddress neighbor;
    final boolean best;
    boolean bgp;
    List<InetAddress> nextHops = List.of();
    List<Long> asPath = List.of();
    Origin origin = Origin.INCOMPLETE;
    List<Community> communities = List.of();
    List<LargeCommunity> large = List.of();
    OptionalLong med = OptionalLong.empty();
    OptionalLong localPref = OptionalLong.empty();

    Builder(Prefix prefix, InetAddress neighbor, boolean best) {
      this.prefix = prefix;
      this.neighbor = neighbor;
      this.best = best;
    }

    void attribute(String line) {
      int colon = line.indexOf(": ");
      if (colon < 0) {
        return; // "via ... on dev" lines; the BGP.next_hop attribute is authoritative
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 2).strip();
      String where = "birdc " + prefix + " " + key;
      switch (key) {
        case "Type" -> bgp = value.startsWith("BGP");
        case "BGP.origin" -> origin = Origin.parse(value);
        case "BGP.as_path" -> asPath = value.isEmpty() ? List.of()
            : java.util.Arrays.stream(value.replaceAll("[{}]", " ").strip().split("\\s+"))
                .map(Long::parseLong).toList();
        case "BGP.next_hop" -> nextHops = java.util.Arrays.stream(value.split("\\s+"))
            .map(a -> Addresses.parse(a, where)).toList();
        case "BGP.med" -> med = OptionalLong.of(Long.parseLong(value));
        case "BGP.local_pref" -> localPref = OptionalLong.of(Long.parseLong(value));
        case "BGP.community" -> {
          List<Community> l = new ArrayList<>();
          Matcher m = PAIR.matcher(value);
          while (m.find()) {
            l.add(new Community(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
          }
          communities = l;
        }
        case "BGP.large_community" -> {
          List<LargeCommunity> l = new ArrayList<>();
          Matcher m = TRIPLE.matcher(value);
          while (m.find()) {
            l.add(new LargeCommunity(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3))));
          }
          large = l;
        }
        default -> { }
      }
    }

    java.util.Optional<ReceivedRoute> finish() {
      if (!bgp) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new ReceivedRoute(prefix, neighbor, nextHops, asPath, origin,
          communities, large, med, localPref, best));
    }
  }

  /** Protocol name to neighbour map for {@link #parse}. */
  public static Function<String, InetAddress> lookup(Map<String, InetAddress> byProtocol) {
    return byProtocol::get;
  }
}

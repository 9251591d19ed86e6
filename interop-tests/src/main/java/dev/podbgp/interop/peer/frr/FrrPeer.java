package dev.podbgp.interop.peer.frr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Json;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Neighbor;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import dev.podbgp.interop.peer.SessionState;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** FRR bgpd driven over vtysh; how it runs (namespace or container) is the {@link FrrRuntime}. */
public final class FrrPeer implements BgpPeer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FrrRuntime runtime;
  private PeerConfig config;

  public FrrPeer(PeerConfig config, FrrRuntime runtime) {
    this.config = config;
    this.runtime = runtime;
  }

  /** FRR in a namespace of this host. */
  public static FrrPeer inNetns(Netns netns, PeerConfig config) {
    return new FrrPeer(config, new NetnsFrrRuntime(netns));
  }

  public FrrRuntime runtime() {
    return runtime;
  }

  @Override
  public String kind() {
    return "frr";
  }

  @Override
  public synchronized PeerConfig config() {
    return config;
  }

  @Override
  public synchronized void start() {
    runtime.start(FrrConfigWriter.render(config, runtime.logPathForConfig()));
  }

  @Override
  public void stop() {
    runtime.stop();
  }

  @Override
  public boolean isRunning() {
    return runtime.isRunning();
  }

  @Override
  public void freeze() {
    runtime.signalBgpd("STOP");
  }

  @Override
  public void thaw() {
    runtime.signalBgpd("CONT");
  }

  @Override
  public SessionState sessionState(InetAddress neighbor) {
    String a = Addresses.format(neighbor);
    JsonNode n = query("show bgp neighbors " + a + " json").get(0);
    JsonNode peer = n.path(a);
    if (peer.isMissingNode()) {
      throw new PeerException("FRR " + config.name() + " does not know neighbor " + a + ": " + n);
    }
    return SessionState.parse(peer.path("bgpState").asText());
  }

  /**
   * One {@code show bgp <afi> json detail} call (FRR 8.4 spelling): per prefix a header object
   * followed by every path in full, so tables of thousands of routes cost one vtysh run.
   */
  @Override
  public List<ReceivedRoute> receivedRoutes(Family family) {
    String afi = FrrConfigWriter.afi(family);
    JsonNode table = query("show bgp " + afi + " json detail").get(0);
    List<ReceivedRoute> routes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : table.path("routes").properties()) {
      Prefix prefix = Prefix.parse(e.getKey());
      for (JsonNode path : e.getValue()) {
        String from = path.path("peer").path("peerId").asText("");
        if (from.isEmpty() || from.equals("(unspec)")) {
          continue; // the header element, or a path we originate
        }
        routes.add(route(prefix, from, path, "FRR " + config.name() + " path of " + prefix));
      }
    }
    return routes;
  }

  /** One path of {@code show bgp <afi> json detail} (or of a single prefix). */
  static ReceivedRoute route(Prefix prefix, String from, JsonNode path, String where) {
    List<InetAddress> nextHops = new ArrayList<>();
    for (JsonNode nh : path.path("nexthops")) {
      nextHops.add(Addresses.parse(nh.path("ip").asText(), where));
    }
    List<Long> asPath = new ArrayList<>();
    String asText = path.path("aspath").path("string").asText("");
    if (!asText.isBlank() && !asText.equals("Local")) {
      for (String t : asText.strip().split("\\s+")) {
        // AS_SET members print as {a,b}; keep the numbers, the scenarios use sequences only
        for (String n : t.replaceAll("[{}()\\[\\]]", "").split(",")) {
          asPath.add(Long.parseLong(n));
        }
      }
    }
    List<Community> communities = words(path.path("community").path("string").asText(""))
        .stream().filter(w -> w.contains(":")).map(Community::parse).toList();
    List<LargeCommunity> large = words(path.path("largeCommunity").path("string").asText(""))
        .stream().map(LargeCommunity::parse).toList();
    return new ReceivedRoute(prefix, Addresses.parse(from, where), nextHops, asPath,
        Origin.parse(path.path("origin").asText("incomplete")), communities, large,
        optionalLong(path, "metric"), optionalLong(path, "locPrf"),
        path.path("bestpath").path("overall").asBoolean(false));
  }

  private static List<String> words(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.strip().split("\\s+"));
  }

  private static OptionalLong optionalLong(JsonNode n, String field) {
    return n.has(field) ? OptionalLong.of(n.get(field).asLong()) : OptionalLong.empty();
  }

  @Override
  public synchronized void originate(Origination o) {
    List<String> cmds = new ArrayList<>(List.of("configure terminal"));
    FrrConfigWriter.routeMapLines(o).forEach(cmds::add);
    cmds.add("router bgp " + config.localAs());
    cmds.add("address-family " + FrrConfigWriter.afi(o.family()));
    cmds.add(FrrConfigWriter.networkLine(o));
    configure(cmds);
    config = config.originating(o);
  }

  @Override
  public synchronized void withdraw(Prefix prefix) {
    Origination o = config.originations().stream().filter(x -> x.prefix().equals(prefix))
        .findFirst().orElseThrow(() -> new IllegalArgumentException(
            "FRR " + config.name() + " does not originate " + prefix));
    configure(List.of("configure terminal", "router bgp " + config.localAs(),
        "address-family " + FrrConfigWriter.afi(o.family()), "no network " + prefix));
    List<Origination> rest = config.originations().stream()
        .filter(x -> !x.prefix().equals(prefix)).toList();
    config = new PeerConfig(config.name(), config.localAs(), config.routerId(),
        config.neighbors(), rest);
  }

  @Override
  public synchronized void setMd5(InetAddress neighbor, String password) {
    Neighbor n = config.neighbor(neighbor);
    String a = Addresses.format(neighbor);
    configure(List.of("configure terminal", "router bgp " + config.localAs(),
        password == null ? "no neighbor " + a + " password" : "neighbor " + a + " password "
            + password));
    config = config.replacing(n.md5(password));
  }

  @Override
  public void shutdownNeighbor(InetAddress neighbor, String message) {
    String a = Addresses.format(neighbor);
    configure(List.of("configure terminal", "router bgp " + config.localAs(),
        "neighbor " + a + " shutdown" + (message == null ? "" : " message " + message)));
  }

  @Override
  public void enableNeighbor(InetAddress neighbor) {
    configure(List.of("configure terminal", "router bgp " + config.localAs(),
        "no neighbor " + Addresses.format(neighbor) + " shutdown"));
  }

  @Override
  public void requestRouteRefresh(InetAddress neighbor) {
    ExecResult r = runtime.vtysh(List.of("clear bgp " + Addresses.format(neighbor) + " soft in"));
    check(r, "clear soft in");
  }

  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String log() {
    return runtime.log();
  }

  private void configure(List<String> commands) {
    check(runtime.vtysh(commands), String.join(" / ", commands));
  }

  private void check(ExecResult r, String what) {
    // vtysh exits 0 even for some rejected lines; FRR prints "% ..." for every error.
    if (!r.ok() || r.stdout().lines().anyMatch(l -> l.startsWith("%"))) {
      throw new PeerException("FRR " + config.name() + " rejected '" + what + "': "
          + (r.stdout() + r.stderr()).strip());
    }
  }

  /** Runs the commands in one vtysh call and reads one JSON document per command. */
  private List<JsonNode> query(String... commands) {
    ExecResult r = runtime.vtysh(List.of(commands));
    String source = "FRR " + config.name() + " `" + String.join("; ", commands) + "`";
    if (!r.ok()) {
      throw new PeerException(source + " failed (exit " + r.exitCode() + "): "
          + (r.stdout() + r.stderr()).strip());
    }
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class)
        .readValues(r.stdout())) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
    } catch (IOException | RuntimeException e) {
      throw new PeerException("unreadable JSON from " + source + ": " + e.getMessage(), e);
    }
    if (docs.size() != commands.length) {
      // fall back to the strict reader for a clearer message
      Json.parse(r.stdout(), source);
      throw new PeerException(source + " gave " + docs.size() + " JSON documents for "
          + commands.length + " commands");
    }
    return docs;
  }
}

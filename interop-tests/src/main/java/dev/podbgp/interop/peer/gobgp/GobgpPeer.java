package dev.podbgp.interop.peer.gobgp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.ExecResult;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsProcess;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.Community;
import dev.podbgp.interop.peer.Family;
import dev.podbgp.interop.peer.Json;
import dev.podbgp.interop.peer.LargeCommunity;
import dev.podbgp.interop.peer.Origin;
import dev.podbgp.interop.peer.Origination;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.Prefix;
import dev.podbgp.interop.peer.ReceivedRoute;
import dev.podbgp.interop.peer.SessionState;
import dev.podbgp.interop.peer.WorkDir;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * GoBGP 3 in a namespace, its gRPC API on 127.0.0.1:{@value #API_PORT} of that namespace (each
 * namespace has its own loopback, so the fixed port never clashes), driven with the {@code gobgp}
 * CLI. Originations live in the RIB only, so they are re-added after every start.
 */
public final class GobgpPeer implements BgpPeer {
  public static final int API_PORT = 50051;
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Netns netns;
  private final Path dir;
  private PeerConfig config;
  private NetnsProcess gobgpd;

  public GobgpPeer(Netns netns, PeerConfig config) {
    this.netns = netns;
    this.config = config;
    this.dir = WorkDir.create("gobgp");
  }

  public static Optional<String> unavailableReason() {
    for (String b : List.of("gobgpd", "gobgp")) {
      if (!Cmd.executableExists(b)) {
        return Optional.of("GoBGP binary " + b + " is missing");
      }
    }
    return Optional.empty();
  }

  @Override
  public String kind() {
    return "gobgp";
  }

  @Override
  public synchronized PeerConfig config() {
    return config;
  }

  private Path configFile() {
    return dir.resolve("gobgpd.toml");
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      throw new PeerException("GoBGP " + config.name() + " is already running");
    }
    WorkDir.write(configFile(), GobgpConfigWriter.render(config));
    gobgpd = netns.spawn("gobgpd", List.of("gobgpd", "-f", configFile().toString(),
        "--api-hosts", "127.0.0.1:" + API_PORT, "-p", "--pprof-disable", "-l", "debug"),
        dir.resolve("gobgpd.log"));
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      if (!gobgpd.isAlive()) {
        throw new PeerException("gobgpd in " + netns + " exited at startup: " + log());
      }
      // The file's neighbours are configured once the API answers with them.
      ExecResult r = gobgp("neighbor", "-j");
      if (r.ok() && Json.parse(r.stdout(), "gobgp neighbor -j").size()
          == config.neighbors().size()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new PeerException("gobgpd in " + netns + " did not answer within " + STARTUP
            + ": " + r.stderr().strip());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PeerException("interrupted while starting GoBGP", e);
      }
    }
    for (Origination o : config.originations()) {
      addPath(o);
    }
  }

  @Override
  public synchronized void stop() {
    if (gobgpd != null) {
      gobgpd.stop();
      gobgpd = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return gobgpd != null && gobgpd.isAlive();
  }

  @Override
  public synchronized void freeze() {
    running().signal("STOP");
  }

  @Override
  public synchronized void thaw() {
    running().signal("CONT");
  }

  private NetnsProcess running() {
    if (gobgpd == null) {
      throw new PeerException("GoBGP " + config.name() + " is not running");
    }
    return gobgpd;
  }

  private ExecResult gobgp(String... args) {
    List<String> cmd = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p",
        Integer.toString(API_PORT)));
    cmd.addAll(List.of(args));
    return netns.exec(cmd, Duration.ofSeconds(10));
  }

  private String gobgpOrThrow(String... args) {
    ExecResult r = gobgp(args);
    if (!r.ok()) {
      throw new PeerException("gobgp " + String.join(" ", args) + " on " + config.name()
          + " failed: " + (r.stdout() + r.stderr()).strip());
    }
    return r.stdout();
  }

  @Override
  public SessionState sessionState(InetAddress neighbor) {
    String a = Addresses.format(config.neighbor(neighbor).address());
    JsonNode n = Json.parse(gobgpOrThrow("neighbor", a, "-j"), "gobgp neighbor " + a);
    int s = n.path("state").path("session_state").asInt(0);
    return switch (s) {
      case 2 -> SessionState.CONNECT;
      case 3 -> SessionState.ACTIVE;
      case 4 -> SessionState.OPEN_SENT;
      case 5 -> SessionState.OPEN_CONFIRM;
      case 6 -> SessionState.ESTABLISHED;
      default -> SessionState.IDLE; // 0 unknown, 1 idle
    };
  }

  @Override
  public List<ReceivedRoute> receivedRoutes(Family family) {
    String af = family == Family.IPV4_UNICAST ? "ipv4" : "ipv6";
    JsonNode rib = Json.parse(gobgpOrThrow("global", "rib", "-a", af, "-j"),
        "gobgp global rib -a " + af);
    List<ReceivedRoute> routes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : rib.properties()) {
      Prefix prefix = Prefix.parse(e.getKey());
      for (JsonNode path : e.getValue()) {
        String from = path.path("neighbor-ip").asText("");
        if (from.isEmpty()) {
          continue; // originated here
        }
        routes.add(route(prefix, Addresses.parse(from, "gobgp " + prefix), path));
      }
    }
    return routes;
  }

  static ReceivedRoute route(Prefix prefix, InetAddress from, JsonNode path) {
    String where = "gobgp path of " + prefix;
    List<InetAddress> nextHops = new ArrayList<>();
    List<Long> asPath = new ArrayList<>();
    Origin origin = Origin.INCOMPLETE;
    List<Community> communities = List.of();
    List<LargeCommunity> large = new ArrayList<>();
    OptionalLong med = OptionalLong.empty();
    OptionalLong localPref = OptionalLong.empty();
    for (JsonNode a : path.path("attrs")) {
      switch (a.path("type").asInt()) {
        case 1 -> origin = Origin.ofCode(a.path("value").asInt());
        case 2 -> {
          for (JsonNode seg : a.path("as_paths")) {
            for (JsonNode asn : seg.path("asns")) {
              asPath.add(asn.asLong());
            }
          }
        }
        case 3 -> nextHops.add(Addresses.parse(a.path("nexthop").asText(), where));
        case 4 -> med = OptionalLong.of(a.path("metric").asLong());
        case 5 -> localPref = OptionalLong.of(a.path("value").asLong());
        case 8 -> {
          List<Community> l = new ArrayList<>();
          for (JsonNode c : a.path("communities")) {
            l.add(Community.ofWire(c.asLong()));
          }
          communities = l;
        }
        // gobgp -j shows only the global next hop of MP_REACH, never the link-local one
        case 14 -> nextHops.add(Addresses.parse(a.path("nexthop").asText(), where));
        case 32 -> {
          for (JsonNode c : a.path("value")) {
            large.add(new LargeCommunity(c.path("ASN").asLong(), c.path("LocalData1").asLong(),
                c.path("LocalData2").asLong()));
          }
        }
        default -> { }
      }
    }
    return new ReceivedRoute(prefix, from, nextHops, asPath, origin, communities, large, med,
        localPref, path.path("best").asBoolean(false));
  }

  private void addPath(Origination o) {
    List<String> args = new ArrayList<>(List.of("global", "rib", "add", "-a",
        o.family() == Family.IPV4_UNICAST ? "ipv4" : "ipv6", o.prefix().toString(),
        "origin", "igp"));
    if (!o.communities().isEmpty()) {
      args.add("community");
      args.add(o.communities().stream().map(Community::toString)
          .collect(Collectors.joining(",")));
    }
    if (!o.largeCommunities().isEmpty()) {
      args.add("large-community");
      args.add(o.largeCommunities().stream().map(LargeCommunity::toString)
          .collect(Collectors.joining(",")));
    }
    for (var rt : o.routeTargets()) {
      args.add("rt");
      args.add(rt.asn() + ":" + rt.value());
    }
    o.med().ifPresent(m -> {
      args.add("med");
      args.add(Long.toString(m));
    });
    gobgpOrThrow(args.toArray(String[]::new));
  }

  @Override
  public synchronized void originate(Origination o) {
    if (isRunning()) {
      addPath(o);
    }
    config = config.originating(o);
  }

  @Override
  public synchronized void withdraw(Prefix prefix) {
    if (config.originations().stream().noneMatch(x -> x.prefix().equals(prefix))) {
      throw new IllegalArgumentException("GoBGP " + config.name() + " does not originate "
          + prefix);
    }
    if (isRunning()) {
      gobgpOrThrow("global", "rib", "del", "-a", prefix.isIpv6() ? "ipv6" : "ipv4",
          prefix.toString());
    }
    config = new PeerConfig(config.name(), config.localAs(), config.routerId(),
        config.neighbors(), config.originations().stream()
            .filter(x -> !x.prefix().equals(prefix)).toList());
  }

  /** Rewrites the file and sends SIGHUP; gobgpd then updates the changed neighbour. */
  @Override
  public synchronized void setMd5(InetAddress neighbor, String password) {
    config = config.replacing(config.neighbor(neighbor).md5(password));
    WorkDir.write(configFile(), GobgpConfigWriter.render(config));
    if (isRunning()) {
      gobgpd.signal("HUP");
    }
  }

  @Override
  public void shutdownNeighbor(InetAddress neighbor, String message) {
    String a = Addresses.format(config.neighbor(neighbor).address());
    if (message == null) {
      gobgpOrThrow("neighbor", a, "disable");
    } else {
      gobgpOrThrow("neighbor", a, "disable", "--reason", message);
    }
  }

  @Override
  public void enableNeighbor(InetAddress neighbor) {
    gobgpOrThrow("neighbor", Addresses.format(config.neighbor(neighbor).address()), "enable");
  }

  /**
   * GoBGP keeps every peer's Adj-RIB-In, so {@code gobgp neighbor X softresetin} re-runs import
   * policy locally: in our captures it never put a ROUTE-REFRESH on the wire (waited 40 s).
   */
  @Override
  public void requestRouteRefresh(InetAddress neighbor) {
    throw new UnsupportedOperationException("GoBGP 3.10 cannot be made to send ROUTE-REFRESH "
        + "(softresetin re-applies policy to its stored Adj-RIB-In)");
  }

  @Override
  public synchronized void close() {
    stop();
    if (!WorkDir.keep()) {
      WorkDir.delete(dir);
    }
  }

  @Override
  public String log() {
    return WorkDir.readIfExists(dir.resolve("gobgpd.log"));
  }
}

package dev.podbgp.interop.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A network namespace created and owned by a {@link NetnsLab}. */
public final class Netns {
  private static final Logger log = LoggerFactory.getLogger(Netns.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NetnsLab lab;
  private final String name;

  Netns(NetnsLab lab, String name) {
    this.lab = lab;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public NetnsLab lab() {
    return lab;
  }

  /** The command line that runs {@code command} inside this namespace. */
  public List<String> wrap(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  public ExecResult exec(List<String> command, Duration timeout) {
    return Cmd.run(wrap(command), timeout);
  }

  public ExecResult exec(String... command) {
    return exec(List.of(command), Cmd.DEFAULT_TIMEOUT);
  }

  /** Runs a command inside and throws, quoting its stderr, when it fails. */
  public String execOrThrow(String... command) {
    return exec(command).orThrow().stdout();
  }

  /**
   * Starts a background process inside with stdout and stderr appended to {@code logFile}. The lab
   * stops it on close (and on JVM exit) if the caller has not.
   */
  public NetnsProcess spawn(String label, List<String> command, Path logFile) {
    List<String> full = wrap(command);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Process p = new ProcessBuilder(full)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      NetnsProcess np = new NetnsProcess(label, this, command, p, logFile);
      lab.register(np);
      log.info("started {} in {}: {} (log {})", label, name, String.join(" ", command), logFile);
      return np;
    } catch (IOException e) {
      throw new LabException("cannot start " + label + " in " + name + ": " + e.getMessage(), e);
    }
  }

  public void sysctl(String key, String value) {
    execOrThrow("sysctl", "-q", "-w", key + "=" + value);
  }

  /** Adds an address; IPv6 ones get {@code nodad} so they are usable immediately. */
  public void addAddress(String iface, String cidr) {
    List<String> cmd = new ArrayList<>(List.of("ip", "-n", name, "addr", "add", cidr, "dev", iface));
    if (cidr.contains(":")) {
      cmd.add("nodad");
    }
    Cmd.run(cmd).orThrow();
  }

  public void linkUp(String iface) {
    Cmd.run(List.of("ip", "-n", name, "link", "set", iface, "up")).orThrow();
  }

  /** Turns on IPv4 and IPv6 forwarding inside (for namespaces that route between links). */
  public void enableForwarding() {
    sysctl("net.ipv4.ip_forward", "1");
    sysctl("net.ipv6.conf.all.forwarding", "1");
  }

  /**
   * Waits (at most 5 s) until {@code iface} has carrier and no tentative IPv6 address. Even
   * without DAD the kernel marks the link-local address tentative until the veth's other end is
   * up; speakers that bind it (FRR for IPv6 next hops) would otherwise start without it.
   */
  public void awaitAddressesReady(String iface) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    String last = "";
    while (System.nanoTime() < deadline) {
      last = Cmd.run(List.of("ip", "-n", name, "-j", "addr", "show", "dev", iface))
          .orThrow().stdout();
      try {
        boolean ready = false;
        for (JsonNode link : JSON.readTree(last)) {
          ready = "UP".equals(link.path("operstate").asText());
          boolean hasLinkLocal = false;
          for (JsonNode a : link.path("addr_info")) {
            if (a.path("tentative").asBoolean(false)) {
              ready = false;
            }
            hasLinkLocal |= "link".equals(a.path("scope").asText());
          }
          ready &= hasLinkLocal;
        }
        if (ready) {
          return;
        }
        Thread.sleep(20);
      } catch (IOException e) {
        throw new LabException("unreadable `ip -j addr` output for " + iface + " in " + name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted waiting for " + iface + " in " + name, e);
      }
    }
    throw new LabException(iface + " in " + name + " not up with usable addresses within 5 s: "
        + last);
  }

  /** The link-local IPv6 address of {@code iface}, as the kernel reports it. */
  public Inet6Address linkLocalAddress(String iface) {
    String out = Cmd.run(List.of("ip", "-n", name, "-j", "-6", "addr", "show", "dev", iface))
        .orThrow().stdout();
    try {
      for (JsonNode link : JSON.readTree(out)) {
        for (JsonNode a : link.path("addr_info")) {
          if ("link".equals(a.path("scope").asText())) {
            return (Inet6Address) InetAddress.getByName(a.path("local").asText());
          }
        }
      }
    } catch (IOException e) {
      throw new LabException("unreadable `ip -j addr` output for " + iface + " in " + name, e);
    }
    throw new LabException("no link-local address on " + iface + " in " + name);
  }

  static InetAddress parse(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

package dev.podbgp.interop.capture;

import dev.podbgp.interop.netns.Cmd;
import dev.podbgp.interop.netns.LabException;
import dev.podbgp.interop.netns.Netns;
import dev.podbgp.interop.netns.NetnsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** tcpdump of BGP (TCP port 179) on one interface inside a namespace, written to a pcap file. */
public final class PacketCapture implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(10);

  private final NetnsProcess tcpdump;
  private final Path pcap;

  private PacketCapture(NetnsProcess tcpdump, Path pcap) {
    this.tcpdump = tcpdump;
    this.pcap = pcap;
  }

  public static Optional<String> unavailableReason() {
    for (String b : List.of("tcpdump", "tshark")) {
      if (!Cmd.executableExists(b)) {
        return Optional.of(b + " is not installed");
      }
    }
    return Optional.empty();
  }

  /** Starts capturing and returns once tcpdump reports that it listens. */
  public static PacketCapture start(Netns netns, String iface, Path pcap) {
    Path log = pcap.resolveSibling(pcap.getFileName() + ".log");
    // --immediate-mode: packets reach tcpdump at once, not in kernel ring blocks (which a stop
    // could drop); -U: and go to the file at once; -Z root: keep writing to our directory.
    NetnsProcess p = netns.spawn("tcpdump", List.of("tcpdump", "-i", iface, "-s", "0",
        "--immediate-mode", "-U", "-Z", "root", "-w", pcap.toString(), "tcp port 179"), log);
    long deadline = System.nanoTime() + READY.toNanos();
    while (true) {
      String text = readQuietly(log);
      if (text.contains("listening on")) {
        return new PacketCapture(p, pcap);
      }
      if (!p.isAlive()) {
        throw new LabException("tcpdump on " + iface + " in " + netns + " exited: " + text);
      }
      if (System.nanoTime() > deadline) {
        p.stop();
        throw new LabException("tcpdump on " + iface + " in " + netns + " not ready within "
            + READY + ": " + text);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.stop();
        throw new LabException("interrupted while starting tcpdump", e);
      }
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  public Path pcap() {
    return pcap;
  }

  /** Stops tcpdump (SIGTERM flushes the file) and returns the pcap. */
  public Path finish() {
    tcpdump.stop();
    return pcap;
  }

  @Override
  public void close() {
    tcpdump.stop();
  }
}

package dev.podbgp.bench.e2e;

import dev.podbgp.interop.netns.Netns;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;

/**
 * What every device under test is told, identically: its AS and router id, the feeders (passive
 * on its side, nothing exported to them), the monitor (exports everything), hold time 90 s,
 * keepalive 30 s, advertisement interval 0, info-level logging to a file in {@code dir}.
 *
 * @param feederSideAddress the device's own address on the feeder subnet (feeders connect to it)
 */
record DutSetup(Netns netns, Path dir, long asn, Inet4Address routerId,
    Inet4Address feederSideAddress, List<Peer> feeders, Peer monitor) {

  static final long ASN = 65000;

  record Peer(Inet4Address address, long asn) {}

  DutSetup {
    feeders = List.copyOf(feeders);
  }
}

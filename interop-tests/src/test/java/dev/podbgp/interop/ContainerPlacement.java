package dev.podbgp.interop;

import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.frr.FrrPeer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.Network;

/**
 * Two FRR speakers in containers on their own Docker network (IPv4 only: Docker networks have
 * no IPv6 unless the daemon is configured for it).
 */
final class ContainerPlacement implements Placement {
  private final Network network = Network.newNetwork();
  private final ContainerFrrRuntime[] runtimes = new ContainerFrrRuntime[2];
  private final List<BgpPeer> peers = new ArrayList<>();

  ContainerPlacement() {
    try {
      for (int i = 0; i < 2; i++) {
        runtimes[i] = new ContainerFrrRuntime(network, "frr" + i);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public InetAddress address(int side, boolean ipv6) {
    if (ipv6) {
      throw new IllegalArgumentException("the container placement has no IPv6 transport");
    }
    var networks = runtimes[side].container().getContainerInfo().getNetworkSettings()
        .getNetworks();
    return networks.values().stream()
        .filter(n -> network.getId().equals(n.getNetworkID()))
        .map(n -> Addresses.parse(n.getIpAddress(), "docker inspect"))
        .findFirst()
        .orElseThrow(() -> new PeerException("container " + side + " is not on network "
            + network.getId()));
  }

  @Override
  public boolean hasIpv6() {
    return false;
  }

  @Override
  public BgpPeer create(int side, PeerConfig config) {
    BgpPeer p = new FrrPeer(config, runtimes[side]);
    peers.add(p);
    return p;
  }

  @Override
  public String describe() {
    return "FRR<->FRR in containers of " + ContainerFrrRuntime.IMAGE;
  }

  @Override
  public void close() {
    for (ContainerFrrRuntime r : runtimes) {
      if (r != null) {
        try {
          r.close();
        } catch (RuntimeException e) {
          // keep closing the rest
        }
      }
    }
    network.close();
  }
}

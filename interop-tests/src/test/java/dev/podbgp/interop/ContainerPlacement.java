package dev.podbgp.interop;

import com.github.dockerjava.api.model.ContainerNetwork;
import dev.podbgp.interop.peer.Addresses;
import dev.podbgp.interop.peer.BgpPeer;
import dev.podbgp.interop.peer.PeerConfig;
import dev.podbgp.interop.peer.PeerException;
import dev.podbgp.interop.peer.frr.FrrPeer;
import dev.podbgp.interop.podbgp.PodbgpPeer;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.Network;

/**
 * podbgp (side 0) in this JVM on the host's network, FRR (side 1) in a container on a Docker
 * network of its own. On Linux the host reaches container addresses on a user-defined bridge
 * directly, and the containers reach the host at that bridge's gateway address: podbgp listens
 * there and FRR's neighbour is that address. IPv4 only: Docker networks have no IPv6 unless the
 * daemon is configured for it.
 */
final class ContainerPlacement implements Placement {
  private final Network network = Network.newNetwork();
  private final ContainerFrrRuntime frr;
  private final ContainerNetwork attachment;
  private final List<BgpPeer> peers = new ArrayList<>();

  ContainerPlacement() {
    try {
      frr = new ContainerFrrRuntime(network, "frr");
      attachment = frr.container().getContainerInfo().getNetworkSettings().getNetworks()
          .values().stream()
          .filter(n -> network.getId().equals(n.getNetworkID()))
          .findFirst()
          .orElseThrow(() -> new PeerException("the FRR container is not on network "
              + network.getId()));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    InetAddress gateway = address(0, false);
    if (!isLocal(gateway)) {
      close();
      Assumptions.abort("the Docker network's gateway " + Addresses.format(gateway)
          + " is not an address of this host (rootless Docker, or Docker in a VM), so podbgp on"
          + " the host cannot peer with the container");
    }
  }

  private static boolean isLocal(InetAddress a) {
    try {
      return NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  @Override
  public InetAddress address(int side, boolean ipv6) {
    if (ipv6) {
      throw new IllegalArgumentException("the container placement has no IPv6 transport");
    }
    return side == 0
        ? Addresses.parse(attachment.getGateway(), "docker inspect: gateway of " + network.getId())
        : Addresses.parse(attachment.getIpAddress(), "docker inspect: address of the FRR container");
  }

  @Override
  public boolean hasIpv6() {
    return false;
  }

  @Override
  public BgpPeer create(int side, PeerConfig config) {
    // podbgp listens only on the bridge's gateway address, never on every host address.
    BgpPeer p = side == 0 ? new PodbgpPeer(config, null, address(0, false))
        : new FrrPeer(config, frr);
    peers.add(p);
    return p;
  }

  @Override
  public String describe() {
    return "podbgp (host) <-> FRR in a container of " + ContainerFrrRuntime.IMAGE;
  }

  @Override
  public String kind() {
    return "container";
  }

  @Override
  public void close() {
    for (BgpPeer p : peers) {
      try {
        p.close();
      } catch (RuntimeException e) {
        // keep closing the rest
      }
    }
    if (frr != null) {
      try {
        frr.close();
      } catch (RuntimeException e) {
        // the network below goes anyway
      }
    }
    network.close();
  }
}

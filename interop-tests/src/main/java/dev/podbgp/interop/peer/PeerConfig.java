package dev.podbgp.interop.peer;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What a speaker is told: its name (host name, FQDN capability), local AS, router id, neighbours
 * and the prefixes it originates from the start.
 */
public record PeerConfig(String name, long localAs, Inet4Address routerId,
    List<Neighbor> neighbors, List<Origination> originations) {

  public PeerConfig {
    if (!name.matches("[a-z][a-z0-9-]{0,30}")) {
      throw new IllegalArgumentException("speaker name '" + name
          + "' must be a lowercase host label of at most 31 characters");
    }
    if (localAs < 1 || localAs > 0xffffffffL) {
      throw new IllegalArgumentException("local AS " + localAs + " of " + name
          + " is outside 1..4294967295");
    }
    neighbors = List.copyOf(neighbors);
    originations = List.copyOf(originations);
    for (Neighbor n : neighbors) {
      if (n.features().contains(Feature.ROUTE_REFLECTOR_CLIENT) && n.remoteAs() != localAs) {
        throw new IllegalArgumentException(name + ": neighbor " + Addresses.format(n.address())
            + " in AS " + n.remoteAs() + " cannot be a route reflector client of AS " + localAs
            + " (RFC 4456 reflects within one AS)");
      }
    }
    for (int i = 0; i < neighbors.size(); i++) {
      for (int j = i + 1; j < neighbors.size(); j++) {
        if (neighbors.get(i).address().equals(neighbors.get(j).address())) {
          throw new IllegalArgumentException(name + " lists neighbor "
              + Addresses.format(neighbors.get(i).address()) + " twice");
        }
      }
    }
  }

  public static PeerConfig of(String name, long localAs, Inet4Address routerId) {
    return new PeerConfig(name, localAs, routerId, List.of(), List.of());
  }

  public PeerConfig withNeighbor(Neighbor n) {
    List<Neighbor> l = new ArrayList<>(neighbors);
    l.add(n);
    return new PeerConfig(name, localAs, routerId, l, originations);
  }

  public PeerConfig originating(Origination o) {
    List<Origination> l = new ArrayList<>(originations);
    l.add(o);
    return new PeerConfig(name, localAs, routerId, neighbors, l);
  }

  /** This config with {@code n} replacing the neighbour of the same address. */
  public PeerConfig replacing(Neighbor n) {
    List<Neighbor> l = new ArrayList<>();
    boolean found = false;
    for (Neighbor x : neighbors) {
      if (x.address().equals(n.address())) {
        l.add(n);
        found = true;
      } else {
        l.add(x);
      }
    }
    if (!found) {
      throw new IllegalArgumentException(name + " has no neighbor " + Addresses.format(n.address()));
    }
    return new PeerConfig(name, localAs, routerId, l, originations);
  }

  public Neighbor neighbor(InetAddress address) {
    return neighbors.stream().filter(n -> n.address().equals(address)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no neighbor "
            + Addresses.format(address)));
  }

  public boolean isIbgp(Neighbor n) {
    return n.remoteAs() == localAs;
  }
}

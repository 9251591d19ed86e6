package dev.podbgp.interop.peer;

import java.util.List;
import java.util.OptionalLong;

/** A prefix a speaker originates, with the attributes it attaches (IGP origin). */
public record Origination(Prefix prefix, List<Community> communities,
    List<LargeCommunity> largeCommunities, OptionalLong med, List<RouteTarget> routeTargets) {

  public Origination {
    routeTargets = List.copyOf(routeTargets);
    communities = List.copyOf(communities);
    largeCommunities = List.copyOf(largeCommunities);
    med.ifPresent(m -> {
      if (m < 0 || m > 0xffffffffL) {
        throw new IllegalArgumentException("MED " + m + " for " + prefix + " is out of range");
      }
    });
  }

  public static Origination of(String prefix) {
    return new Origination(Prefix.parse(prefix), List.of(), List.of(), OptionalLong.empty(),
        List.of());
  }

  public Origination withCommunities(String... c) {
    return new Origination(prefix, java.util.Arrays.stream(c).map(Community::parse).toList(),
        largeCommunities, med, routeTargets);
  }

  public Origination withLargeCommunities(String... c) {
    return new Origination(prefix, communities,
        java.util.Arrays.stream(c).map(LargeCommunity::parse).toList(), med, routeTargets);
  }

  public Origination withMed(long m) {
    return new Origination(prefix, communities, largeCommunities, OptionalLong.of(m), routeTargets);
  }

  public Origination withRouteTargets(String... rt) {
    return new Origination(prefix, communities, largeCommunities, med,
        java.util.Arrays.stream(rt).map(RouteTarget::parse).toList());
  }

  public Family family() {
    return Family.of(prefix);
  }
}

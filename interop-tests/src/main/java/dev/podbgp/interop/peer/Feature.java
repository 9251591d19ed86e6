package dev.podbgp.interop.peer;

/** Optional session features a driver can switch on for a neighbour. */
public enum Feature {
  /** RFC 7911 ADD-PATH, send and receive. */
  ADD_PATH,
  /** RFC 4724 graceful restart (helper and restarting speaker). */
  GRACEFUL_RESTART,
  /** RFC 8654 extended messages (FRR sends it always; BIRD when asked; GoBGP cannot). */
  EXTENDED_MESSAGE,
  /** RFC 4456: this speaker reflects routes to the neighbour (iBGP neighbours only). */
  ROUTE_REFLECTOR_CLIENT,
  /** RFC 8950 IPv4 NLRI with IPv6 next hop (where the speaker can). */
  EXTENDED_NEXT_HOP
}

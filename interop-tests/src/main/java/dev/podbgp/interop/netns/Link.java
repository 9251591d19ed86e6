package dev.podbgp.interop.netns;

/** A veth pair between two namespaces, one subnet (IPv4 and IPv6) on it. */
public record Link(int index, Attachment a, Attachment b) {

  /** The attachment of the other end, seen from {@code side}. */
  public Attachment peerOf(Netns side) {
    if (a.netns().equals(side)) {
      return b;
    }
    if (b.netns().equals(side)) {
      return a;
    }
    throw new IllegalArgumentException(side.name() + " is not an end of link " + index);
  }

  /** The attachment of {@code side} itself. */
  public Attachment end(Netns side) {
    return peerOf(side).equals(a) ? b : a;
  }
}

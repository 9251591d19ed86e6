package dev.podbgp.interop.netns;

import java.util.List;

/**
 * A shared subnet: a bridge in its own hub namespace and one veth from every member to it; how
 * route reflectors and dynamic neighbours see many nodes on one prefix.
 */
public record Lan(int index, Netns hub, String bridge, List<Attachment> members) {

  public Lan {
    members = List.copyOf(members);
  }

  public Attachment of(Netns member) {
    return members.stream().filter(m -> m.netns().equals(member)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            member.name() + " is not a member of LAN " + index));
  }
}

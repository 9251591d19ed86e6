package dev.podbgp.interop.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podbgp.interop.peer.Addresses;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names of messages taken from the captured vectors (bytes copied from those files). */
class MessageNameTest {
  private static final InetAddress A = Addresses.parse("10.200.1.1", "t");
  private static final InetAddress B = Addresses.parse("10.200.1.2", "t");
  private static final String MARKER = "ffffffffffffffffffffffffffffffff";

  private static CapturedMessage msg(String hexAfterMarker) {
    return new CapturedMessage(0, A, B, HexFormat.of().parseHex(MARKER + hexAfterMarker),
        List.of());
  }

  @Test
  void namesEachKind() {
    assertThat(MessageName.of(msg("001304"), false)).isEqualTo("keepalive");
    assertThat(MessageName.of(msg("00170200000000"), false)).isEqualTo("update-eor-ipv4");
    assertThat(MessageName.of(msg("001d0200000006800f03000201"), false))
        .isEqualTo("update-eor-ipv6");
    assertThat(MessageName.of(msg("0015030604"), false)).isEqualTo("notification-6-4");
    assertThat(MessageName.of(msg("0017050001 0101".replace(" ", "")), false))
        .isEqualTo("route-refresh-ipv4-borr");
    // FRR's IPv4 UPDATE: ORIGIN, AS_PATH, NEXT_HOP, MED, COMMUNITIES, LARGE_COMMUNITY
    assertThat(MessageName.of(msg("004d0200000032400101005002000602010000fde94003040a000001"
        + "80040400000000c00804fde90064c0200c0000fde90000000100000002" + "18c00002"), false))
        .isEqualTo("update-ipv4-nlri-comm-large");
    assertThat(MessageName.of(msg("001b02000419cb00710000"), false))
        .isEqualTo("update-ipv4-withdraw");
  }

  @Test
  void readsAddPathFromOpen() {
    // FRR's OPEN: ... capability 69 (ADD-PATH) afi 1 safi 1 send/receive 3
    CapturedMessage open = msg("0025" + "01" + "04" + "fde9" + "0003" + "0aff0001" + "08"
        + "0206450400010103");
    assertThat(MessageName.addPath(open)).isEqualTo(Map.of("1/1", 3));
  }

  @Test
  void rejectsBytesThatAreNotOneMessage() {
    assertThatThrownBy(() -> msg("001404")).hasMessageContaining("header length 20 but 19");
    assertThatThrownBy(() -> new CapturedMessage(3, A, B, new byte[19], List.of()))
        .hasMessageContaining("frame 3: marker byte 0 is not ff");
  }
}

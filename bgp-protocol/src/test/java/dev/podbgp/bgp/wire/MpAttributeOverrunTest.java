package dev.podbgp.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An MP_REACH_NLRI or MP_UNREACH_NLRI whose length runs past the path
 * attributes. For other attributes RFC 7606 §4 prescribes treat-as-withdraw,
 * "unless some other, more severe error is encountered": here the NLRI the
 * attribute carries cannot be located, so they cannot be withdrawn, and a
 * malformed MP attribute calls for a session reset (RFC 7606 §5.3, §7.11;
 * RFC 4760 §7: UPDATE Message Error / Optional Attribute Error). Taking it as
 * treat-as-withdraw would silently drop the announcement or withdrawal and
 * leave the old routes of those prefixes in place.
 *
 * <p>Found by {@link LengthFieldAllocationTest}'s case for an MP_REACH_NLRI
 * length of 65535, which decoded to a treat-as-withdraw of nothing.
 */
class MpAttributeOverrunTest {
    private static final CodecOptions IBGP = Wire.ibgp4();

    @Test
    void mpReachOverrunningThePathAttributesIsSessionReset() {
        // MP_REACH_NLRI first, as RFC 7606 §5.1 asks, claiming 64 bytes of which 24 are there.
        String mp = "80 0e 40 0002 01 10 20010db8000000000000000000000001 00 30 20010db8";
        DecodeResult.SessionReset r = Wire.reset(Wire.update("", mp, ""), IBGP);
        assertThat(r.notification().code()).isEqualTo(NotificationMessage.UPDATE_MESSAGE_ERROR);
        assertThat(r.notification().subcode()).isEqualTo(NotificationMessage.OPTIONAL_ATTRIBUTE_ERROR);
        assertThat(r.reason()).contains("MP_REACH_NLRI length 64 overruns");
    }

    @Test
    void mpUnreachOverrunningThePathAttributesIsSessionReset() {
        String mp = "80 0f 20 0002 01 30 20010db80001";
        DecodeResult.SessionReset r = Wire.reset(Wire.update("", mp, ""), IBGP);
        assertThat(r.notification().code()).isEqualTo(NotificationMessage.UPDATE_MESSAGE_ERROR);
        assertThat(r.notification().subcode()).isEqualTo(NotificationMessage.OPTIONAL_ATTRIBUTE_ERROR);
        assertThat(r.reason()).contains("MP_UNREACH_NLRI length 32 overruns");
    }

    @Test
    void mpReachOverrunAfterOtherAttributesIsSessionResetToo() {
        String mp = "80 0e 40 0002 01 10 20010db8000000000000000000000001 00 30 20010db8";
        DecodeResult.SessionReset r = Wire.reset(Wire.update("", Rfc7606Test.ORIGIN + Rfc7606Test.AS_PATH + mp, ""),
                IBGP);
        assertThat(r.notification().subcode()).isEqualTo(NotificationMessage.OPTIONAL_ATTRIBUTE_ERROR);
    }
}

package dev.podbgp.bgp.wire;

import static dev.podbgp.bgp.wire.Wire.MARKER;
import static dev.podbgp.bgp.wire.Wire.assertNotification;
import static dev.podbgp.bgp.wire.Wire.attr;
import static dev.podbgp.bgp.wire.Wire.decodedResult;
import static dev.podbgp.bgp.wire.Wire.hex;
import static dev.podbgp.bgp.wire.Wire.reset;
import static dev.podbgp.bgp.wire.Wire.update;
import static dev.podbgp.bgp.wire.Wire.withdraw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podbgp.bgp.wire.AttributeIssue.Action;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * RFC 7606, case by case: each test feeds the bytes of one malformed UPDATE
 * and checks the exact outcome (attribute discard, treat-as-withdraw, or a
 * session reset with the NOTIFICATION code, subcode and data of RFC 4271 §6.3).
 */
class Rfc7606Test {
    static final String ORIGIN = "40 01 01 00 ";
    static final String AS_PATH = "40 02 06 02 01 0000fde9 ";
    static final String NEXT_HOP = "40 03 04 c0000201 ";
    static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
    static final String WITHDRAWN = "18 0af402";
    static final String NLRI = "18 0af401";

    static final CodecOptions IBGP = Wire.ibgp4();
    static final CodecOptions EBGP = Wire.fourOctet();
    static final CodecOptions OLD_IBGP = CodecOptions.OPEN_DEFAULTS.withIbgp(true);

    /** Treat-as-withdraw of the standard UPDATE: both its withdrawn and its announced prefix. */
    static DecodeResult.TreatAsWithdraw withdrawn(String attributes, CodecOptions options, int type, String reason) {
        var w = withdraw(update(WITHDRAWN, attributes, NLRI), options);
        assertThat(w.prefixes()).containsExactly(Prefix.parse("10.244.2.0/24"), Prefix.parse("10.244.1.0/24"));
        assertThat(w.withdrawals().attributes()).isEqualTo(PathAttributes.NONE);
        assertThat(w.issues()).anySatisfy(i -> {
            assertThat(i.typeCode()).isEqualTo(type);
            assertThat(i.action()).isEqualTo(Action.TREAT_AS_WITHDRAW);
            assertThat(i.reason()).contains(reason);
        });
        assertThat(w.reason()).contains(reason);
        return w;
    }

    /** Attribute discard: the UPDATE is used, without the attribute, and the issue is reported. */
    static UpdateMessage discarded(String attributes, CodecOptions options, int type, String reason) {
        var d = decodedResult(update(WITHDRAWN, attributes, NLRI), options);
        assertThat(d.issues()).anySatisfy(i -> {
            assertThat(i.typeCode()).isEqualTo(type);
            assertThat(i.action()).isEqualTo(Action.DISCARDED);
            assertThat(i.reason()).contains(reason);
        });
        UpdateMessage u = (UpdateMessage) d.message();
        assertThat(u.nlri()).containsExactly(Prefix.parse("10.244.1.0/24"));
        return u;
    }

    @Nested
    class Origin71 {
        @Test
        void wrongLengthIsTreatAsWithdraw() {
            withdrawn("40 01 02 0000 " + AS_PATH + NEXT_HOP, IBGP, 1, "ORIGIN length 2 is not 1");
        }

        @Test
        void undefinedValueIsTreatAsWithdraw() {
            withdrawn("40 01 01 03 " + AS_PATH + NEXT_HOP, IBGP, 1, "ORIGIN value 3 is undefined");
        }
    }

    @Nested
    class AsPath72 {
        @Test
        void segmentOverrunningTheAttributeIsTreatAsWithdraw() {
            withdrawn(ORIGIN + "40 02 06 02 02 0000fde9 " + NEXT_HOP, IBGP, 2, "AS_PATH is malformed");
        }

        @Test
        void singleOctetLeftAfterTheLastSegmentIsTreatAsWithdraw() {
            withdrawn(ORIGIN + "40 02 07 02 01 0000fde9 02 " + NEXT_HOP, IBGP, 2, "1 byte left");
        }

        @Test
        void zeroLengthSegmentIsTreatAsWithdraw() {
            withdrawn(ORIGIN + "40 02 02 02 00 " + NEXT_HOP, IBGP, 2, "length 0");
        }

        @Test
        void undefinedSegmentTypeIsTreatAsWithdraw() {
            withdrawn(ORIGIN + "40 02 06 05 01 0000fde9 " + NEXT_HOP, IBGP, 2, "segment type 5");
        }

        @Test
        void twoOctetPathOfOddLengthIsTreatAsWithdraw() {
            withdrawn(ORIGIN + "40 02 05 02 02 fde9 fd " + NEXT_HOP, OLD_IBGP, 2, "AS_PATH is malformed");
        }

        @Test
        void confederationSegmentsFromAnExternalPeerAreTreatAsWithdraw() {
            String confed = ORIGIN + "40 02 0c 03 01 0000fde8 02 01 0000fde9 " + NEXT_HOP;
            withdrawn(confed, EBGP, 2, "confederation");
            var d = decodedResult(update(WITHDRAWN, confed, NLRI), IBGP);
            assertThat(((UpdateMessage) d.message()).attributes().asPath().toString()).isEqualTo("(65000) 65001");
        }
    }

    @Nested
    class As4Path73 {
        @Test
        void malformedAs4PathIsDiscardedAndAsPathUsed() {
            UpdateMessage u = discarded(ORIGIN + "40 02 04 02 01 fde9 " + NEXT_HOP.replace(" ", "")
                    + "c0 11 05 02 01 fa56ea", OLD_IBGP.withIbgp(true), 17, "AS4_PATH is malformed");
            assertThat(u.attributes().asPath()).isEqualTo(AsPath.sequence(65001));
        }

        @Test
        void confederationSegmentsInAs4PathAreDropped() {
            // AS_PATH AS_TRANS, AS4_PATH (65000) 4200000001: the confederation segment goes, the rest merges.
            UpdateMessage u = discarded(ORIGIN + "40 02 04 02 01 5ba0 " + NEXT_HOP
                    + "c0 11 0c 03 01 0000fde8 02 01 fa56ea01", OLD_IBGP, 17, "confederation segments dropped");
            assertThat(u.attributes().asPath()).isEqualTo(AsPath.sequence((int) 4200000001L));
        }

        @Test
        void as4PathFromAFourOctetPeerIsDiscarded() {
            UpdateMessage u = discarded(BASE + "c0 11 06 02 01 fa56ea01", IBGP, 17, "4-octet AS peer");
            assertThat(u.attributes().asPath()).isEqualTo(AsPath.sequence(65001));
        }
    }

    @Nested
    class NextHop74 {
        @Test
        void wrongLengthIsTreatAsWithdraw() {
            withdrawn(ORIGIN + AS_PATH + "40 03 05 c000020100", IBGP, 3, "NEXT_HOP length 5 is not 4");
        }

        @Test
        void addressThatCannotBeANeighbourIsTreatAsWithdraw() {
            withdrawn(ORIGIN + AS_PATH + "40 03 04 00000000", IBGP, 3, "NEXT_HOP 0.0.0.0");
            withdrawn(ORIGIN + AS_PATH + "40 03 04 e0000001", IBGP, 3, "NEXT_HOP 224.0.0.1");
            withdrawn(ORIGIN + AS_PATH + "40 03 04 ffffffff", IBGP, 3, "NEXT_HOP 255.255.255.255");
        }

        @Test
        void badAddressBesideMpReachAloneIsOnlyDropped() {
            // RFC 4760 §3: with NLRI only in MP_REACH_NLRI nothing uses NEXT_HOP; the IPv6 routes stay.
            String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
            var d = decodedResult(update("", mp + ORIGIN + AS_PATH + "40 03 04 00000000", ""), IBGP);
            assertThat(d.issues()).singleElement().extracting(AttributeIssue::action).isEqualTo(Action.DISCARDED);
            assertThat(((UpdateMessage) d.message()).mpReach().nlri()).hasSize(1);
        }
    }

    @Nested
    class MultiExitDisc75 {
        @Test
        void wrongLengthIsTreatAsWithdraw() {
            withdrawn(BASE + "80 04 03 000064", IBGP, 4, "MULTI_EXIT_DISC length 3 is not 4");
        }
    }

    @Nested
    class LocalPref76 {
        @Test
        void fromAnExternalPeerIsDiscarded() {
            UpdateMessage u = discarded(BASE + "40 05 04 00000064", EBGP, 5, "LOCAL_PREF from an external peer");
            assertThat(u.attributes().localPref()).isNull();
        }

        @Test
        void fromAnExternalPeerIsDiscardedWhateverItsLength() {
            discarded(BASE + "40 05 02 0064", EBGP, 5, "LOCAL_PREF from an external peer");
        }

        @Test
        void wrongLengthFromAnInternalPeerIsTreatAsWithdraw() {
            withdrawn(BASE + "40 05 02 0064", IBGP, 5, "LOCAL_PREF length 2 is not 4");
        }
    }

    @Nested
    class AtomicAggregate77 {
        @Test
        void nonZeroLengthIsDiscarded() {
            UpdateMessage u = discarded(BASE + "40 06 01 00", IBGP, 6, "ATOMIC_AGGREGATE length 1 is not 0");
            assertThat(u.attributes().atomicAggregate()).isFalse();
        }
    }

    @Nested
    class Aggregator78 {
        @Test
        void sixOctetsOnAFourOctetSessionIsDiscarded() {
            UpdateMessage u = discarded(BASE + "c0 07 06 fde9 c0000209", IBGP, 7, "AGGREGATOR length 6 is not 8");
            assertThat(u.attributes().aggregator()).isNull();
        }

        @Test
        void eightOctetsOnATwoOctetSessionIsDiscarded() {
            discarded(ORIGIN + "40 02 04 02 01 fde9 " + NEXT_HOP + "c0 07 08 0000fde9 c0000209", OLD_IBGP, 7,
                    "AGGREGATOR length 8 is not 6");
        }
    }

    @Nested
    class As4Aggregator79 {
        @Test
        void wrongLengthIsDiscarded() {
            UpdateMessage u = discarded(ORIGIN + "40 02 04 02 01 fde9 " + NEXT_HOP + "c0 07 06 5ba0 c0000209"
                    + "c0 12 06 fa56 c0000209", OLD_IBGP, 18, "AS4_AGGREGATOR length 6 is not 8");
            assertThat(u.attributes().aggregator()).isEqualTo(new Aggregator(OpenMessage.AS_TRANS,
                    Ipv4.parse("192.0.2.9")));
        }

        @Test
        void ignoredWithAs4PathWhenAggregatorIsNotAsTrans() {
            // RFC 6793 §4.2.3: AGGREGATOR 65001 is not AS_TRANS, so AS4_AGGREGATOR and AS4_PATH are ignored.
            UpdateMessage u = discarded(ORIGIN + "40 02 06 02 02 fde9 5ba0 " + NEXT_HOP + "c0 07 06 fde9 c0000209"
                    + "c0 11 06 02 01 fa56ea01 c0 12 08 fa56ea01 c0000209", OLD_IBGP, 18, "is not AS_TRANS");
            assertThat(u.attributes().aggregator()).isEqualTo(new Aggregator(65001, Ipv4.parse("192.0.2.9")));
            assertThat(u.attributes().asPath()).isEqualTo(AsPath.sequence(65001, OpenMessage.AS_TRANS));
        }

        @Test
        void fromAFourOctetPeerIsDiscarded() {
            discarded(BASE + "c0 12 08 fa56ea01 c0000209", IBGP, 18, "4-octet AS peer");
        }
    }

    @Nested
    class Communities710 {
        @Test
        void lengthNotAMultipleOfFourIsTreatAsWithdraw() {
            withdrawn(BASE + "c0 08 05 fde9000100", IBGP, 8, "COMMUNITIES length 5 is not a non-zero multiple of 4");
        }

        @Test
        void zeroLengthIsTreatAsWithdraw() {
            withdrawn(BASE + "c0 08 00", IBGP, 8, "COMMUNITIES length 0");
        }
    }

    @Nested
    class OriginatorId711 {
        @Test
        void wrongLengthIsTreatAsWithdraw() {
            withdrawn(BASE + "80 09 05 0a00000100", IBGP, 9, "ORIGINATOR_ID length 5 is not 4");
        }
    }

    @Nested
    class ClusterList712 {
        @Test
        void lengthNotAMultipleOfFourIsTreatAsWithdraw() {
            withdrawn(BASE + "80 0a 06 0a0000020a00", IBGP, 10, "CLUSTER_LIST length 6");
        }

        @Test
        void zeroLengthIsTreatAsWithdraw() {
            withdrawn(BASE + "80 0a 00", IBGP, 10, "CLUSTER_LIST length 0");
        }
    }

    @Nested
    class MpReach713 {
        @Test
        void tooShortForItsHeaderIsSessionReset() {
            var r = reset(update("", "80 0e 03 000201" + ORIGIN + AS_PATH, ""), IBGP);
            assertNotification(r, 3, 9, "800e03000201");
            assertThat(r.reason()).contains("MP_REACH_NLRI length 3");
        }

        @Test
        void nextHopLengthOverrunningTheAttributeIsSessionReset() {
            var r = reset(update("", "80 0e 06 0002 01 20 0000" + ORIGIN + AS_PATH, ""), IBGP);
            assertNotification(r, 3, 9, "800e06000201200000");
            assertThat(r.reason()).contains("next hop length 32 overruns");
        }

        @Test
        void unexpectedNextHopLengthIsSessionReset() {
            String mp = attr(0x80, 14, "0002 01 11 20010db800000000000000000000000100 00 30 20010db80001");
            var r = reset(update("", mp + ORIGIN + AS_PATH, ""), IBGP);
            assertNotification(r, 3, 9, mp);
            assertThat(r.reason()).contains("next hop length 17 for ipv6-unicast is not 16 or 32");
        }

        @Test
        void prefixOverrunningTheAttributeIsSessionReset() {
            String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 40 20010db8");
            var r = reset(update("", mp + ORIGIN + AS_PATH, ""), IBGP);
            assertNotification(r, 3, 9, mp);
            assertThat(r.reason()).contains("MP_REACH_NLRI NLRI of ipv6-unicast: prefix /64");
        }

        @Test
        void prefixLongerThan128IsSessionReset() {
            String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 81 "
                    + "20010db8000000000000000000000000 00");
            var r = reset(update("", mp + ORIGIN + AS_PATH, ""), IBGP);
            assertNotification(r, 3, 9, mp);
            assertThat(r.reason()).contains("prefix length 129").contains("exceeds 128");
        }

        @Test
        void familyPodbgpDoesNotCarryIsDiscarded() {
            // AFI 1 SAFI 128 (L3VPN): we neither parse nor use it, and say so.
            String mp = attr(0x80, 14, "0001 80 0c 0000000000000000c0000201 00 00");
            var d = decodedResult(update("", mp + ORIGIN + AS_PATH, ""), IBGP);
            assertThat(d.issues()).singleElement().satisfies(i -> {
                assertThat(i.action()).isEqualTo(Action.DISCARDED);
                assertThat(i.reason()).contains("afi1/safi128");
            });
            assertThat(((UpdateMessage) d.message()).mpReach()).isNull();
        }
    }

    @Nested
    class MpUnreach714 {
        @Test
        void tooShortIsSessionReset() {
            assertNotification(reset(update("", "80 0f 02 0002", ""), IBGP), 3, 9, "800f020002");
        }

        @Test
        void prefixOverrunningTheAttributeIsSessionReset() {
            var r = reset(update("", "80 0f 06 0002 01 40 2001", ""), IBGP);
            assertNotification(r, 3, 9, "800f060002014020 01".replace(" ", ""));
            assertThat(r.reason()).contains("MP_UNREACH_NLRI");
        }
    }

    @Nested
    class ExtendedCommunities717 {
        @Test
        void lengthNotAMultipleOfEightIsTreatAsWithdraw() {
            withdrawn(BASE + "c0 10 07 0002fde9000000", IBGP, 16, "EXTENDED_COMMUNITIES length 7");
        }
    }

    @Nested
    class LargeCommunity {
        @Test
        void lengthNotAMultipleOfTwelveIsTreatAsWithdraw() {
            // RFC 8092 §5 follows RFC 7606: treat-as-withdraw.
            withdrawn(BASE + "c0 20 0d fa56ea01 00000001 00000002 00", IBGP, 32, "LARGE_COMMUNITY length 13");
        }
    }

    @Nested
    class AttributeFlags {
        @Test
        void wellKnownFlaggedOptionalIsTreatAsWithdraw() {
            var w = withdrawn("c0 01 01 00 " + AS_PATH + NEXT_HOP, IBGP, 1, "ORIGIN flags 0xc0 are wrong");
            assertThat(w.reason()).contains("0x40, well-known transitive");
        }

        @Test
        void optionalNonTransitiveFlaggedTransitiveIsTreatAsWithdraw() {
            withdrawn(BASE + "c0 04 04 00000064", IBGP, 4, "MULTI_EXIT_DISC flags 0xc0 are wrong");
        }

        @Test
        void optionalTransitiveFlaggedNonTransitiveIsTreatAsWithdraw() {
            withdrawn(BASE + "80 08 04 fde90001", IBGP, 8, "COMMUNITIES flags 0x80 are wrong");
        }

        @Test
        void partialBitOnAWellKnownAttributeIsTreatAsWithdraw() {
            withdrawn("60 01 01 00 " + AS_PATH + NEXT_HOP, IBGP, 1, "ORIGIN flags 0x60 are wrong");
        }

        @Test
        void partialBitOnAnOptionalTransitiveAttributeIsFine() {
            var d = decodedResult(update("", BASE + "e0 08 04 fde90001", NLRI), IBGP);
            assertThat(d.issues()).isEmpty();
        }

        @Test
        void wrongFlagsOnMpReachStillWithdrawItsPrefixes() {
            String mp = attr(0xc0, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
            var w = withdraw(update("", mp + ORIGIN + AS_PATH, ""), IBGP);
            assertThat(w.prefixes()).containsExactly(Prefix.parse("2001:db8:1::/48"));
            assertThat(w.withdrawals().mpUnreach().family()).isEqualTo(AddressFamily.IPV6_UNICAST);
            assertThat(w.reason()).contains("MP_REACH_NLRI flags 0xc0");
        }
    }

    @Nested
    class Duplicates {
        @Test
        void mpReachTwiceIsMalformedAttributeList() {
            String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
            var r = reset(update("", mp + mp + ORIGIN + AS_PATH, ""), IBGP);
            assertNotification(r, 3, 1, "");
            assertThat(r.reason()).contains("MP_REACH_NLRI appears more than once");
        }

        @Test
        void mpUnreachTwiceIsMalformedAttributeList() {
            var r = reset(update("", "80 0f 03 000201 80 0f 03 000201", ""), IBGP);
            assertNotification(r, 3, 1, "");
            assertThat(r.reason()).contains("MP_UNREACH_NLRI appears more than once");
        }

        @Test
        void otherAttributesTwiceKeepTheFirst() {
            // RFC 7606 §3 g: all occurrences but the first are discarded, and the UPDATE is processed.
            UpdateMessage u = discarded(BASE + "40 01 01 02 80 04 04 00000001 80 04 04 00000002", IBGP, 4,
                    "MULTI_EXIT_DISC appears more than once");
            assertThat(u.attributes().origin()).isEqualTo(Origin.IGP);
            assertThat(u.attributes().med()).isEqualTo(1L);
        }

        @Test
        void unknownAttributeTwiceKeepsTheFirst() {
            UpdateMessage u = discarded(BASE + "c0 63 01 01 c0 63 01 02", IBGP, 99, "appears more than once");
            assertThat(u.attributes().unknown()).containsExactly(new UnknownAttribute(0xc0, 99, new byte[] {1}));
        }
    }

    @Nested
    class MissingWellKnown {
        @Test
        void missingOriginWithNlriIsTreatAsWithdraw() {
            withdrawn(AS_PATH + NEXT_HOP, IBGP, 1, "ORIGIN is missing");
        }

        @Test
        void missingAsPathWithNlriIsTreatAsWithdraw() {
            withdrawn(ORIGIN + NEXT_HOP, IBGP, 2, "AS_PATH is missing");
        }

        @Test
        void missingNextHopWithBodyNlriIsTreatAsWithdraw() {
            withdrawn(ORIGIN + AS_PATH, IBGP, 3, "NEXT_HOP is missing");
        }

        @Test
        void missingAttributesWithMpReachAreTreatAsWithdraw() {
            String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
            var w = withdraw(update("", mp + ORIGIN, ""), IBGP);
            assertThat(w.prefixes()).containsExactly(Prefix.parse("2001:db8:1::/48"));
            assertThat(w.reason()).contains("AS_PATH is missing");
        }

        @Test
        void nextHopIsNotNeededForMpReachAlone() {
            String mp = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
            assertThat(decodedResult(update("", mp + ORIGIN + AS_PATH, ""), IBGP).issues()).isEmpty();
        }

        @Test
        void nothingIsMandatoryWithoutNlri() {
            assertThat(decodedResult(update(WITHDRAWN, "", ""), IBGP).issues()).isEmpty();
        }
    }

    @Nested
    class NlriFields53 {
        @Test
        void nlriPrefixLongerThan32IsInvalidNetworkField() {
            var r = reset(update("", BASE, "21 0af40100 00"), IBGP);
            assertNotification(r, 3, 10, "");
            assertThat(r.reason()).contains("NLRI of ipv4-unicast: prefix length 33");
        }

        @Test
        void nlriPrefixOverrunningTheMessageIsInvalidNetworkField() {
            var r = reset(update("", BASE, "18 0af4"), IBGP);
            assertNotification(r, 3, 10, "");
            assertThat(r.reason()).contains("prefix /24").contains("needs 3 address bytes, 2 are left");
        }

        @Test
        void withdrawnPrefixLongerThan32IsInvalidNetworkField() {
            var r = reset(update("28 0af40100 00", "", ""), IBGP);
            assertNotification(r, 3, 10, "");
            assertThat(r.reason()).contains("withdrawn routes of ipv4-unicast: prefix length 40");
        }

        @Test
        void withdrawnPrefixOverrunningItsFieldIsInvalidNetworkField() {
            assertNotification(reset(update("18 0af4", "", ""), IBGP), 3, 10, "");
        }
    }

    @Nested
    class AttributeSection4 {
        @Test
        void attributeLengthOverrunningTheSectionIsTreatAsWithdraw() {
            // NEXT_HOP says 9 bytes, 4 are left: Total Path Attribute Length still finds the NLRI.
            withdrawn(ORIGIN + AS_PATH + "40 03 09 c0000201", IBGP, 3, "NEXT_HOP length 9 overruns");
        }

        @Test
        void fewerBytesLeftThanAnAttributeHeaderIsTreatAsWithdraw() {
            withdrawn(BASE + "40 05", IBGP, 5, "too few for an attribute header");
        }

        @Test
        void extendedLengthHeaderCutOffIsTreatAsWithdraw() {
            withdrawn(BASE + "d0 08 00", IBGP, 8, "the last 3 bytes");
        }

        @Test
        void totalPathAttributeLengthOverrunningTheMessageIsMalformedAttributeList() {
            var r = reset(Wire.hex(MARKER + "001b 02 0000 0005 40010100"), IBGP);
            assertNotification(r, 3, 1, "");
            assertThat(r.reason()).contains("Total Path Attribute Length 5 overruns");
        }

        @Test
        void withdrawnRoutesLengthOverrunningTheMessageIsMalformedAttributeList() {
            var r = reset(Wire.hex(MARKER + "0018 02 0005 180af4"), IBGP);
            assertNotification(r, 3, 1, "");
            assertThat(r.reason()).contains("Withdrawn Routes Length 5 overruns");
        }
    }

    @Nested
    class NoReachableNlri52 {
        @Test
        void treatAsWithdrawErrorWithoutReachableNlriResetsWithTheRfc4271Notification() {
            var r = reset(update(WITHDRAWN, "40 01 01 03", ""), IBGP);
            assertNotification(r, 3, 6, "40010103");
            assertThat(r.reason()).contains("ORIGIN value 3").contains("RFC 7606 §5.2");
        }

        @Test
        void lengthErrorWithoutReachableNlriIsAttributeLengthError() {
            assertNotification(reset(update("", "80 04 03 000064", ""), IBGP), 3, 5, "80040300 0064".replace(" ", ""));
        }

        @Test
        void communitiesLengthErrorWithoutReachableNlriIsAttributeLengthError() {
            assertNotification(reset(update(WITHDRAWN, "c0 08 03 fde900", ""), IBGP), 3, 5, "c00803fde900");
        }

        @Test
        void missingAttributeDoesNotApplyWithoutNlriButMalformedAsPathResets() {
            var r = reset(update(WITHDRAWN, "40 02 02 02 00", ""), IBGP);
            assertNotification(r, 3, 11, "");
            assertThat(r.reason()).contains("AS_PATH is malformed");
        }

        @Test
        void flagsErrorWithoutReachableNlriIsAttributeFlagsError() {
            assertNotification(reset(update("", "c0 01 01 00", ""), IBGP), 3, 4, "c0010100");
        }

        @Test
        void discardWithoutNlriIsNoReset() {
            // Attribute discard is the one approach §5.2 leaves alone. Nothing is left, and an empty
            // UPDATE would read as the IPv4 End-of-RIB, so the message is ignored with the reason.
            DecodeResult r = Wire.decode(update("", "40 06 01 00", ""), IBGP);
            assertThat(r).isInstanceOf(DecodeResult.Ignored.class);
            assertThat(((DecodeResult.Ignored) r).reason()).contains("ATOMIC_AGGREGATE length 1 is not 0");
            var d = decodedResult(update(WITHDRAWN, "40 06 01 00", ""), IBGP);
            assertThat(d.issues()).singleElement().extracting(AttributeIssue::action).isEqualTo(Action.DISCARDED);
            assertThat(((UpdateMessage) d.message()).withdrawn()).containsExactly(Prefix.parse("10.244.2.0/24"));
        }
    }

    @Nested
    class SeveralErrors3f {
        @Test
        void theStrongestApproachWins() {
            var w = withdrawn(BASE + "40 06 01 00 c0 08 05 fde9000100", IBGP, 8, "COMMUNITIES length 5");
            assertThat(w.issues()).extracting(AttributeIssue::action)
                    .containsExactly(Action.DISCARDED, Action.TREAT_AS_WITHDRAW);
            String mp = attr(0x80, 15, "000201");
            assertNotification(reset(update(WITHDRAWN, mp + mp + BASE + "c0 08 05 fde9000100", NLRI), IBGP),
                    3, 1, "");
        }

        @Test
        void withdrawalsCollectEveryFamily() {
            String reach = attr(0x80, 14, "0002 01 10 20010db8000000000000000000000001 00 30 20010db80001");
            String unreach = attr(0x80, 15, "0002 01 30 20010db80002");
            var w = withdraw(update(WITHDRAWN, reach + unreach + BASE + "c0 08 00", NLRI), IBGP);
            assertThat(w.withdrawals().withdrawn()).containsExactly(Prefix.parse("10.244.2.0/24"),
                    Prefix.parse("10.244.1.0/24"));
            assertThat(w.withdrawals().mpUnreach().withdrawn()).containsExactly(Prefix.parse("2001:db8:1::/48"),
                    Prefix.parse("2001:db8:2::/48"));
            assertThat(hex(Wire.encode(w.withdrawals(), IBGP))).contains("800f");
        }
    }

    @Nested
    class AsZero7607 {
        @Test
        void asZeroInAsPathIsTreatAsWithdraw() {
            withdrawn(ORIGIN + "40 02 0a 02 02 0000fde9 00000000 " + NEXT_HOP, IBGP, 2, "AS 0");
        }

        @Test
        void asZeroInAs4PathIsDiscarded() {
            UpdateMessage u = discarded(ORIGIN + "40 02 06 02 02 fde9 5ba0 " + NEXT_HOP
                    + "c0 11 0a 02 02 0000fde9 00000000", OLD_IBGP, 17, "AS 0");
            assertThat(u.attributes().asPath()).isEqualTo(AsPath.sequence(65001, OpenMessage.AS_TRANS));
        }

        @Test
        void asZeroInAggregatorIsDiscarded() {
            UpdateMessage u = discarded(BASE + "c0 07 08 00000000 c0000209", IBGP, 7, "AGGREGATOR AS is 0");
            assertThat(u.attributes().aggregator()).isNull();
            discarded(ORIGIN + "40 02 04 02 01 fde9 " + NEXT_HOP + "c0 07 06 5ba0 c0000209 c0 12 08 00000000 c0000209",
                    OLD_IBGP, 18, "AS4_AGGREGATOR AS is 0");
        }
    }
}

/**
 * The BGP-4 wire codec: immutable message values, {@link dev.podbgp.bgp.wire.BgpDecoder}
 * and {@link dev.podbgp.bgp.wire.BgpEncoder}, and {@link dev.podbgp.bgp.wire.UpdatePacker}.
 * Depends on netty-buffer only; knows nothing of channels or sessions.
 *
 * <h2>Use</h2>
 * <ol>
 * <li>Until both OPENs are exchanged, decode and encode with
 *     {@link dev.podbgp.bgp.wire.CodecOptions#OPEN_DEFAULTS}; afterwards with
 *     {@link dev.podbgp.bgp.wire.CodecOptions#negotiate}.</li>
 * <li>Frame with {@link dev.podbgp.bgp.wire.BgpDecoder#frameLength}, decode a whole
 *     frame with {@link dev.podbgp.bgp.wire.BgpDecoder#decode}: the outcome is a
 *     {@link dev.podbgp.bgp.wire.DecodeResult}, never an exception.</li>
 * <li>Encode with {@link dev.podbgp.bgp.wire.BgpEncoder#encode}; build UPDATEs for many
 *     prefixes with {@link dev.podbgp.bgp.wire.UpdatePacker} so none is over the limit.</li>
 * </ol>
 *
 * <h2>UPDATE errors (RFC 7606, with the RFC 4271 §6.3 NOTIFICATION for resets)</h2>
 * <table>
 * <caption>outcome per error</caption>
 * <tr><th>error</th><th>outcome</th></tr>
 * <tr><td>Withdrawn Routes Length / Total Path Attribute Length overrun the message</td>
 *     <td>reset 3/1</td></tr>
 * <tr><td>NLRI or withdrawn prefix longer than 32/128 or overrunning its field (§5.3)</td>
 *     <td>reset 3/10; inside MP_REACH/MP_UNREACH reset 3/9 with the attribute</td></tr>
 * <tr><td>attribute overrunning the attribute section, or a cut-off header (§4)</td>
 *     <td>treat-as-withdraw</td></tr>
 * <tr><td>MP_REACH_NLRI / MP_UNREACH_NLRI twice (§3 g)</td><td>reset 3/1</td></tr>
 * <tr><td>any other attribute twice (§3 g)</td><td>later ones discarded</td></tr>
 * <tr><td>wrong Optional/Transitive bits, or Partial on a non-optional-transitive attribute (§3 c)</td>
 *     <td>treat-as-withdraw</td></tr>
 * <tr><td>unrecognized attribute flagged well-known</td><td>reset 3/2 with the attribute</td></tr>
 * <tr><td>ORIGIN, AS_PATH, NEXT_HOP, MED, LOCAL_PREF (iBGP), COMMUNITIES, ORIGINATOR_ID,
 *     CLUSTER_LIST, EXTENDED_COMMUNITIES, LARGE_COMMUNITY malformed (§7)</td><td>treat-as-withdraw</td></tr>
 * <tr><td>LOCAL_PREF from eBGP; ATOMIC_AGGREGATE, AGGREGATOR, AS4_AGGREGATOR, AS4_PATH malformed;
 *     AS4_* from a 4-octet peer</td><td>attribute discard</td></tr>
 * <tr><td>MP_REACH_NLRI / MP_UNREACH_NLRI malformed (§7.11, §7.12)</td>
 *     <td>reset 3/9 with the attribute</td></tr>
 * <tr><td>ORIGIN or AS_PATH missing with NLRI; NEXT_HOP missing with body NLRI (§3 d)</td>
 *     <td>treat-as-withdraw</td></tr>
 * <tr><td>a treat-as-withdraw error in an UPDATE with attributes but no reachable NLRI (§5.2)</td>
 *     <td>reset with the RFC 4271 code of that error</td></tr>
 * </table>
 * Several errors: the strongest approach wins (§3 f).
 */
package dev.podbgp.bgp.wire;

package dev.podbgp.conf;

import java.util.Objects;

/**
 * How pod traffic reaches a next hop: plainly routed, or encapsulated.
 *
 * @param vni  VXLAN network identifier (mode vxlan)
 * @param port VXLAN UDP port (mode vxlan)
 */
public record Tunnel(Mode mode, When when, int vni, int port) {
    public static final int DEFAULT_VNI = 4096;
    public static final int VXLAN_PORT = 4789;
    public static final Tunnel DEFAULT = new Tunnel(Mode.NONE, When.ALWAYS, DEFAULT_VNI, VXLAN_PORT);

    public Tunnel {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(when, "when");
        if (vni < 1 || vni > 0xFF_FFFF) {
            throw new IllegalArgumentException("vni " + vni);
        }
    }

    public enum Mode {
        /** Plain routes via the next hop; the network must route pod CIDRs (or all nodes share a link). */
        NONE("none"),
        /** IPv4-in-IPv4. */
        IPIP("ipip"),
        /** VXLAN over UDP. */
        VXLAN("vxlan");

        private final String yamlName;

        Mode(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    public enum When {
        /** Every next hop that is another node. */
        ALWAYS("always"),
        /** Only next hops outside the subnet of this node's address; the rest are routed plainly. */
        CROSS_SUBNET("cross-subnet");

        private final String yamlName;

        When(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}

package dev.podbgp.conf;

/** Which of the other cluster nodes this node holds iBGP sessions with. */
public enum ClusterMode {
    /** Every node in {@code cluster.nodes}. */
    FULL_MESH("full-mesh"),
    /** Only the nodes marked {@code routeReflector: true}. */
    ROUTE_REFLECTOR_CLIENT("route-reflector-client"),
    /** None: only the external peers. */
    NONE("none");

    private final String yamlName;

    ClusterMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}

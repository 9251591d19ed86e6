package dev.podbgp.conf;

/** Unicast address families a session negotiates (multiprotocol BGP, RFC 4760). */
public enum AddressFamily {
    IPV4("ipv4"),
    IPV6("ipv6");

    private final String yamlName;

    AddressFamily(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling in the configuration file. */
    public String yamlName() {
        return yamlName;
    }
}

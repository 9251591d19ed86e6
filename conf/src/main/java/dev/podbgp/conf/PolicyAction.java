package dev.podbgp.conf;

/** What a policy does with a route no rule decided about. */
public enum PolicyAction {
    ACCEPT("accept"),
    REJECT("reject");

    private final String yamlName;

    PolicyAction(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}

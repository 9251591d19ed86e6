package dev.podbgp.conf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reload touches only the sessions whose configuration changed. */
class ConfigDiffTest {
    private static final String BASE = Yaml.NODE + """
            cluster:
              nodes:
                - {name: node-b, address: 192.0.2.2, podCIDRs: [10.244.2.0/24]}
            peers:
              - {name: tor1, address: 192.0.2.254, asn: 65000}
              - {name: tor2, address: 192.0.2.253, asn: 65000}
            """;

    @Test
    void identicalFilesDiffEmpty() throws ConfigException {
        ConfigDiff d = ConfigDiff.between(Yaml.config(BASE), Yaml.config(BASE));
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.unchanged()).containsExactlyInAnyOrder("node-b", "tor1", "tor2");
    }

    @Test
    void addedRemovedAndChangedByName() throws ConfigException {
        String after = BASE.replace("  - {name: tor2, address: 192.0.2.253, asn: 65000}\n",
                "  - {name: tor3, address: 192.0.2.252, asn: 65003}\n")
                .replace("{name: tor1, address: 192.0.2.254, asn: 65000}",
                        "{name: tor1, address: 192.0.2.254, asn: 65000, timers: {holdTime: 30s}}");
        ConfigDiff d = ConfigDiff.between(Yaml.config(BASE), Yaml.config(after));
        assertThat(d.added()).extracting(Peer::name).containsExactly("tor3");
        assertThat(d.removed()).extracting(Peer::name).containsExactly("tor2");
        assertThat(d.changed()).extracting(ConfigDiff.PeerChange::name).containsExactly("tor1");
        assertThat(d.changed().get(0).changedFields()).containsExactly("timers");
        assertThat(d.changed().get(0).resetRequired()).isTrue();
        assertThat(d.unchanged()).containsExactly("node-b");
        assertThat(d.changedSections()).isEmpty();
    }

    @Test
    void policyChangeAppliesWithoutReset() throws ConfigException {
        String after = BASE.replace("{name: tor1, address: 192.0.2.254, asn: 65000}",
                "{name: tor1, address: 192.0.2.254, asn: 65000, import: {accept: ['0.0.0.0/0']}, enabled: false}");
        ConfigDiff d = ConfigDiff.between(Yaml.config(BASE), Yaml.config(after));
        ConfigDiff.PeerChange c = d.changed().get(0);
        assertThat(c.changedFields()).containsExactly("enabled", "importPolicy");
        assertThat(c.resetRequired()).isFalse();
    }

    @Test
    void globalTimersChangeEverySessionThatInheritsThem() throws ConfigException {
        String after = BASE + "timers: {holdTime: 30s}\n";
        ConfigDiff d = ConfigDiff.between(Yaml.config(BASE), Yaml.config(after));
        assertThat(d.changed()).extracting(ConfigDiff.PeerChange::name).containsExactly("node-b", "tor1", "tor2");
        assertThat(d.changedSections()).containsExactly("timers");
    }

    @Test
    void nodeChangeIsASectionChange() throws ConfigException {
        String after = BASE.replace("podCIDRs: [10.244.1.0/24]", "podCIDRs: [10.244.1.0/24, 10.244.9.0/24]");
        ConfigDiff d = ConfigDiff.between(Yaml.config(BASE), Yaml.config(after));
        assertThat(d.changedSections()).containsExactly("node");
        // The default export follows the node's pod CIDRs, so external peers change; cluster sessions do not.
        assertThat(d.changed()).extracting(ConfigDiff.PeerChange::name).containsExactly("tor1", "tor2");
        assertThat(d.changed()).allSatisfy(c -> assertThat(c.resetRequired()).isFalse());
    }
}

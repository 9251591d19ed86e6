package dev.podbgp.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The equal-conditions promises of docs/benchmarks.md, checked on the rendered configurations:
 * same timers, no MRAI, nothing exported to feeders, passive feeders, no kernel.
 */
class DutConfigTest {
  private static final DutSetup SETUP = new DutSetup(null, Path.of("/tmp/x"), DutSetup.ASN,
      Topology.DUT_ROUTER_ID, Topology.RECEIVER,
      List.of(new DutSetup.Peer(FeedPlan.feederAddress(0), FeedPlan.feederAs(0)),
          new DutSetup.Peer(FeedPlan.feederAddress(1), FeedPlan.feederAs(1))),
      new DutSetup.Peer(Topology.ipv4("10.200.2.2"), Monitor.ASN));

  @Test
  void birdHasNoKernelProtocolAndExportsOnlyToTheMonitor() {
    String c = BirdDut.render(SETUP, Path.of("/tmp/x/bird.log"));
    assertThat(c).doesNotContain("protocol kernel").doesNotContain("debug");
    assertThat(c).contains("passive on;", "export none;", "export all;", "hold time 90;",
        "keepalive time 30;", "neighbor 10.201.0.2 as 4200000001;");
    assertThat(c.split("protocol bgp f", -1)).hasSize(3);
  }

  @Test
  void frrHasNoMraiSameTimersAndDeniesEverythingToFeeders() {
    String c = FrrDut.render(SETUP, Path.of("/tmp/x/bgpd.log"));
    assertThat(c).contains("neighbor FEEDERS advertisement-interval 0",
        "neighbor 10.200.2.2 advertisement-interval 0", "neighbor FEEDERS passive",
        "neighbor FEEDERS timers 30 90", "neighbor 10.200.2.2 timers 30 90",
        "neighbor FEEDERS route-map PODBGP-BENCH-NONE out", "route-map PODBGP-BENCH-NONE deny 10",
        "informational");
    assertThat(c).doesNotContain("debug");
  }

  @Test
  void gobgpHasNoZebraNoMraiAndRejectsExportToFeeders() {
    String c = GobgpDut.render(SETUP);
    assertThat(c).doesNotContain("zebra");
    assertThat(c).contains("neighbor-info-list = [\"10.201.0.1/32\", \"10.201.0.2/32\"]",
        "route-disposition = \"reject-route\"", "default-export-policy = \"accept-route\"");
    assertThat(c.split("minimum-advertisement-interval = 0", -1)).hasSize(4);
    assertThat(c.split("hold-time = 90", -1)).hasSize(4);
    assertThat(c.split("passive-mode = true", -1)).hasSize(3);
  }
  @Test
  void podbgpdInstallsNothingSameTimersAndExportsOnlyToTheMonitor() {
    String c = PodbgpDut.render(SETUP);
    assertThat(c).contains("kernel: {install: false}",
        "timers: {holdTime: 90s, keepalive: 30s, connectRetry: 1s}",
        "passive: true", "import: {accept: [\"0.0.0.0/0 le 32\"]}",
        "export: {reject: [\"0.0.0.0/0 le 32\"]}",
        "- {name: f1, template: feeder, address: 10.201.0.2, asn: 4200000001}",
        "address: 10.200.2.2\n    asn: 65001");
    assertThat(c).doesNotContain("debug").doesNotContain("podCIDRs");
    // Exactly one export that accepts anything: the monitor's.
    assertThat(c.split("export: \\{accept", -1)).hasSize(2);
  }

  @Test
  void podbgpdWithItsFibOnDiffersOnlyInKernelInstall() {
    String fib = PodbgpDut.render(SETUP, true);
    assertThat(fib).contains("kernel: {install: true}").doesNotContain("install: false");
    assertThat(fib.replace("install: true", "install: false")).isEqualTo(PodbgpDut.render(SETUP));
    assertThat(new PodbgpDut(true).kernelProtocol()).hasValue(PodbgpDut.KERNEL_PROTOCOL);
    assertThat(new PodbgpDut().kernelProtocol()).isEmpty();
  }

  @Test
  void birdWithItsFibOnAddsOnlyAKernelProtocolThatExportsEverything() {
    Path log = Path.of("/tmp/x/bird.log");
    String fib = BirdDut.render(SETUP, log, true);
    assertThat(fib.replace("protocol kernel { ipv4 { export all; }; }\n", ""))
        .isEqualTo(BirdDut.render(SETUP, log));
    assertThat(new BirdDut(true).kernelProtocol()).hasValue(BirdDut.KERNEL_PROTOCOL);
    assertThat(new BirdDut().kernelProtocol()).isEmpty();
  }

  @Test
  void frrLogsNeighbourChanges() {
    assertThat(FrrDut.render(SETUP, Path.of("/tmp/x/bgpd.log")))
        .contains(" bgp log-neighbor-changes\n");
  }

  @Test
  void frrSummaryYieldsTheNeighboursThatAreNotEstablished() {
    String summary = """
        IPv4 Unicast Summary (VRF default):
        BGP router identifier 10.255.0.1, local AS number 65000 vrf-id 0
        Neighbor        V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down State/PfxRcd   PfxSnt Desc
        10.200.1.2      4      65001         3       503        0    0    0 00:00:12            0     2000 N/A
        10.201.1.86     4 4200000335         5         3        0    0    0 00:00:12            4        0 N/A
        10.201.1.87     4 4200000336         2         2        0    0    0    never       Active        0 N/A

        Total number of neighbors 3
        """;
    assertThat(FrrDut.notEstablished(summary))
        .containsExactly("10.201.1.87 Active (2/2 messages)");
  }

  @Test
  void birdProtocolsYieldTheBgpSessionsThatAreNotUp() {
    String protocols = """
        BIRD 2.0.12 ready.
        Name       Proto      Table      State  Since         Info
        device1    Device     ---        up     14:31:23.123
        f0         BGP        ---        up     14:31:24.000  Established
        f1         BGP        ---        start  14:31:24.000  Active        Socket: Connection closed
        monitor    BGP        ---        up     14:31:24.000  Established
        """;
    assertThat(BirdDut.notUp(protocols))
        .containsExactly("f1 start (Active Socket: Connection closed)");
  }

  @Test
  void gobgpNeighboursYieldTheSessionsThatAreNotEstablished() {
    String neighbors = """
        Peer            AS  Up/Down State       |#Received  Accepted
        10.200.2.2   65001 00:00:05 Establ      |        0         0
        10.201.0.1 4200000000 00:00:05 Establ   |        4         4
        10.201.0.2 4200000001    never Active   |        0         0
        """;
    assertThat(GobgpDut.notEstablished(neighbors)).containsExactly("10.201.0.2 Active");
  }

  @Test
  void podbgpStatusYieldsThePeersThatAreNotEstablished() {
    String status = """
        {
          "routerId" : "10.255.0.1",
          "asn" : 65000,
          "peers" : [ {
            "name" : "f0",
            "address" : "10.201.0.1",
            "asn" : 4200000000,
            "state" : "Established",
            "since" : "2026-11-21T14:31:24Z",
            "received" : 4,
            "accepted" : 4,
            "advertised" : 0,
            "lastError" : null
          }, {
            "name" : "f1",
            "address" : "10.201.0.2",
            "asn" : 4200000001,
            "state" : "Active",
            "since" : "2026-11-21T14:31:25Z",
            "received" : 0,
            "accepted" : 0,
            "advertised" : 0,
            "lastError" : "connection reset"
          }, {
            "name" : "monitor",
            "address" : "10.200.2.2",
            "asn" : 65001,
            "state" : "Connect",
            "since" : "2026-11-21T14:31:25Z",
            "received" : 0,
            "accepted" : 0,
            "advertised" : 0,
            "lastError" : null
          } ]
        }
        """;
    assertThat(PodbgpDut.notEstablished(status))
        .containsExactly("10.201.0.2 Active (connection reset)", "10.200.2.2 Connect");
  }

  @Test
  void retainedHeapIsTheHistogramTotal() {
    String histo = """
        12345:
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         59471       14632272  [I (java.base@17.0.15)
           2:        322732       13594168  [B (java.base@17.0.15)
        Total       2344871       92522328
        """;
    assertThat(PodbgpDut.histogramTotalBytes(histo)).isEqualTo(92522328L);
  }

  @Test
  void histogramWithoutATotalIsRefusedWithTheOutput() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> PodbgpDut.histogramTotalBytes("12: error"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("12: error");
  }
}

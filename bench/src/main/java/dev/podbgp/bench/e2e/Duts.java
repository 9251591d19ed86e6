package dev.podbgp.bench.e2e;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The devices the harness knows, by command-line name. */
final class Duts {
  static final List<String> ALL = List.of("bird", "frr", "gobgp", "podbgp");

  /**
   * Why podbgpd cannot be measured yet. When the daemon wires session → RIB → FIB, add a
   * {@code PodbgpDut} that starts podbgpd with the FIB disabled from {@link DutSetup} and
   * reports its retained heap after a full GC ({@code jcmd PID GC.heap_info}), and drop this.
   */
  static final String PODBGP_MISSING = "podbgpd cannot run as a device yet: the daemon does not"
      + " wire BGP sessions to the RIB (and the RIB to the monitor session) so it cannot pass"
      + " routes through; no podbgp figures are produced";

  private Duts() {}

  /**
   * A factory of fresh drivers for {@code name}; null for {@code podbgp}, which has none yet
   * ({@link #unavailableReason} says why). Unknown names are refused with the known ones.
   */
  static Supplier<Dut> driver(String name) {
    return switch (name) {
      case "bird" -> BirdDut::new;
      case "frr" -> FrrDut::new;
      case "gobgp" -> GobgpDut::new;
      case "podbgp" -> null;
      default -> throw new IllegalArgumentException("unknown device '" + name + "' in --dut;"
          + " known: " + String.join(",", ALL));
    };
  }

  static Optional<String> unavailableReason(String name) {
    Supplier<Dut> d = driver(name);
    return d == null ? Optional.of(PODBGP_MISSING) : d.get().unavailableReason();
  }
}

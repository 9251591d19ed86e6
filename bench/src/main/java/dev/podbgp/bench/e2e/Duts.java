package dev.podbgp.bench.e2e;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The devices the harness knows, by command-line name. */
final class Duts {
  static final List<String> ALL = List.of("bird", "frr", "gobgp", "podbgp");
  /**
   * podbgpd with its FIB on (routes into the device namespace's kernel). Not a --dut name: it
   * runs in workload 3 whenever podbgp is measured, beside the pass-through run.
   */
  static final String PODBGP_FIB = "podbgp-fib";
  /** The workload whose table has the "in kernel" figure (issue 7: the cluster shape). */
  static final int KERNEL_WORKLOAD = 3;

  private Duts() {}

  /** A factory of fresh drivers for {@code name}. Unknown names are refused with the known ones. */
  static Supplier<Dut> driver(String name) {
    return switch (name) {
      case "bird" -> BirdDut::new;
      case "frr" -> FrrDut::new;
      case "gobgp" -> GobgpDut::new;
      case "podbgp" -> PodbgpDut::new;
      case PODBGP_FIB -> () -> new PodbgpDut(true);
      default -> throw new IllegalArgumentException("unknown device '" + name + "' in --dut;"
          + " known: " + String.join(",", ALL) + "," + PODBGP_FIB);
    };
  }

  static Optional<String> unavailableReason(String name) {
    return driver(name).get().unavailableReason();
  }
}

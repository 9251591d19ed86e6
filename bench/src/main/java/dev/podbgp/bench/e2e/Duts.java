package dev.podbgp.bench.e2e;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The devices the harness knows, by command-line name. */
final class Duts {
  static final List<String> ALL = List.of("bird", "frr", "gobgp", "podbgp");
  /**
   * podbgpd with its FIB on (routes into the device namespace's kernel). It runs in workload 3
   * whenever podbgp is measured, beside the pass-through run; --dut may also name it.
   */
  static final String PODBGP_FIB = "podbgp-fib";
  /** BIRD with a kernel protocol, the comparison for {@link #PODBGP_FIB}; runs beside bird. */
  static final String BIRD_FIB = "bird-fib";
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
      case BIRD_FIB -> () -> new BirdDut(true);
      default -> throw new IllegalArgumentException("unknown device '" + name + "' in --dut;"
          + " known: " + String.join(",", ALL) + "," + BIRD_FIB + "," + PODBGP_FIB);
    };
  }

  /** The FIB-on run that goes with a pass-through device in workload 3, if it has one. */
  static Optional<String> fibVariant(String name) {
    return switch (name) {
      case "bird" -> Optional.of(BIRD_FIB);
      case "podbgp" -> Optional.of(PODBGP_FIB);
      default -> Optional.empty();
    };
  }

  static Optional<String> unavailableReason(String name) {
    return driver(name).get().unavailableReason();
  }
}

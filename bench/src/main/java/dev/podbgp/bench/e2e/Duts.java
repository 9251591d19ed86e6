package dev.podbgp.bench.e2e;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The devices the harness knows, by command-line name. */
final class Duts {
  static final List<String> ALL = List.of("bird", "frr", "gobgp", "podbgp");

  private Duts() {}

  /** A factory of fresh drivers for {@code name}. Unknown names are refused with the known ones. */
  static Supplier<Dut> driver(String name) {
    return switch (name) {
      case "bird" -> BirdDut::new;
      case "frr" -> FrrDut::new;
      case "gobgp" -> GobgpDut::new;
      case "podbgp" -> PodbgpDut::new;
      default -> throw new IllegalArgumentException("unknown device '" + name + "' in --dut;"
          + " known: " + String.join(",", ALL));
    };
  }

  static Optional<String> unavailableReason(String name) {
    return driver(name).get().unavailableReason();
  }
}

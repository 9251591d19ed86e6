package dev.podbgp.bench.e2e;

import java.util.Optional;

/**
 * A device under test: one routing daemon started in the device namespace with a pass-through
 * configuration rendered from {@link DutSetup} (no kernel routes).
 */
interface Dut extends AutoCloseable {

  /** Short name used on the command line and in the tables: bird, frr, gobgp, podbgp. */
  String name();

  /** Why it cannot run on this machine, or empty. */
  Optional<String> unavailableReason();

  /** The daemon's own version line. */
  String version();

  /** Writes the configuration, checks it with the daemon's own parser, starts the daemon. */
  void start(DutSetup setup);

  /** The pid of the process doing the BGP work (its RSS and CPU are what we report). */
  long pid();

  /**
   * Heap still live after a full collection, in KiB, read once the run's figures are taken;
   * -1 for devices that have no collected heap (BIRD, FRR, GoBGP).
   */
  default long retainedHeapKib() {
    return -1;
  }

  /** Stops the daemon (TERM, then KILL, bounded). Idempotent. */
  @Override
  void close();
}

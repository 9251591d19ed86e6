package dev.podbgp.bench.e2e;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A device under test: one routing daemon started in the device namespace with a pass-through
 * configuration rendered from {@link DutSetup} (no kernel routes, except podbgpd's FIB-on mode,
 * see {@link #kernelProtocol}).
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

  /**
   * The protocol number of the routes this device installs into its namespace's kernel, when it
   * is run with its FIB on; the run then also measures until the kernel holds every route.
   * Empty for pass-through (every device by default).
   */
  default OptionalInt kernelProtocol() {
    return OptionalInt.empty();
  }

  /**
   * For a failed run, while the device still runs: what it says about its sessions (those not
   * Established), in one line; empty if it has no such query here or says nothing of note.
   */
  default Optional<String> sessionTrouble() {
    return Optional.empty();
  }

  /** Stops the daemon (TERM, then KILL, bounded). Idempotent. */
  @Override
  void close();
}

package dev.podbgp.interop.peer.frr;

import dev.podbgp.interop.netns.ExecResult;
import java.util.List;

/**
 * How an FRR instance is run: in a network namespace of this host, or in a container. {@link
 * FrrPeer} holds all FRR knowledge (config, vtysh queries, JSON) above it.
 */
public interface FrrRuntime extends AutoCloseable {

  /** Starts zebra and bgpd with this {@code frr.conf}; returns when vtysh reaches bgpd. */
  void start(String frrConf);

  void stop();

  boolean isRunning();

  /** Sends a signal (STOP, CONT) to bgpd. */
  void signalBgpd(String signal);

  /** Runs {@code vtysh -c <command>...} against this instance's bgpd. */
  ExecResult vtysh(List<String> commands);

  /** The path bgpd should log to, as seen by bgpd (written into frr.conf). */
  String logPathForConfig();

  /** The log text so far. */
  String log();

  /** Stops the daemons and releases what the runtime holds (work directory, container). */
  @Override
  void close();
}

package dev.podbgp.daemon.logging;

/** How podbgpd writes its log lines to standard error. */
public enum LogFormat {
    /** {@code 2026-11-21T11:43:34.123Z INFO  [thread] logger - message}: for people and journald. */
    TEXT,
    /** One JSON object per line: for log collectors in Kubernetes. */
    JSON
}

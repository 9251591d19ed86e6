package dev.podbgp.daemon.control;

/**
 * Re-reads the configuration file and applies the difference: adds, removes
 * or changes peers without resetting unaffected sessions. Used by the
 * {@code reload} command and by SIGHUP.
 */
@FunctionalInterface
public interface Reloader {

    /**
     * @throws ReloadException when the new file is invalid or cannot be applied;
     *                         the running configuration then stays as it was
     */
    ReloadResult reload() throws ReloadException;
}

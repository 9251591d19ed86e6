/**
 * podbgpd's configuration: a YAML 1.2 file read into validated immutable records.
 *
 * <p>Entry points for the daemon and the CLI:
 * <ul>
 * <li>{@link dev.podbgp.conf.ConfigLoader#strict()}{@code .load(path)}: the configuration, or a
 *     {@link dev.podbgp.conf.ConfigException} listing every error (file:line:column: path: message);
 *     warnings are logged;</li>
 * <li>{@link dev.podbgp.conf.ConfigLoader#check(java.nio.file.Path)}: errors and warnings without
 *     throwing, for {@code podbgpd check-config};</li>
 * <li>{@link dev.podbgp.conf.PodbgpConfig#sessions()}: every configured BGP session (cluster nodes per
 *     {@code cluster.mode}, then external peers) with templates and defaults applied;</li>
 * <li>{@link dev.podbgp.conf.ConfigDiff#between}: what a reload adds, removes and changes, by session
 *     name, and whether a change needs a session reset;</li>
 * <li>{@link dev.podbgp.conf.RoutePolicy#permits} and {@link dev.podbgp.conf.PrefixFilter#matches}:
 *     import/export decisions for the RIB.</li>
 * </ul>
 *
 * <p>Every key, type and default is listed in {@code docs/configuration.md}; {@code conf/podbgpd.yaml}
 * is an example using all of them. Parsing internals ({@code Value}, {@code Fields}, the section
 * parsers) are package-private: only the records and the entry points above are API.
 */
package dev.podbgp.conf;

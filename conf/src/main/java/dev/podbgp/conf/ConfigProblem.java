package dev.podbgp.conf;

import java.util.Comparator;
import java.util.Objects;

/**
 * One error or warning about a configuration file, located by line and column
 * (both counted from 1) and by key path such as {@code peers[0].import.accept[1]}.
 * {@link #toString()} is the line to show a person:
 * {@code podbgpd.yaml:12:7: peers[0].asn: "65x" is not an AS number (expected 1..4294967295)}.
 *
 * @param path key path, empty for problems with the file as a whole
 */
public record ConfigProblem(Severity severity, String file, int line, int column, String path, String message) {

    public enum Severity { ERROR, WARNING }

    /** File, then position, then path: the order a person fixes them in. */
    public static final Comparator<ConfigProblem> BY_POSITION = Comparator.comparing(ConfigProblem::file)
            .thenComparingInt(ConfigProblem::line)
            .thenComparingInt(ConfigProblem::column)
            .thenComparing(ConfigProblem::path)
            .thenComparing(ConfigProblem::message);

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file).append(':').append(line).append(':').append(column).append(": ");
        if (severity == Severity.WARNING) {
            s.append("warning: ");
        }
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(message).toString();
    }
}

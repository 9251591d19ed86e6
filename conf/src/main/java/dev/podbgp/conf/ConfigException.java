package dev.podbgp.conf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is not usable. Carries every error found in one pass,
 * sorted by position; the message lists them one per line.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> errors;

    public ConfigException(List<ConfigProblem> errors) {
        super(format(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The errors, sorted by file, line and column. */
    public List<ConfigProblem> errors() {
        return errors;
    }

    private static String format(List<ConfigProblem> errors) {
        return errors.stream().sorted(ConfigProblem.BY_POSITION).map(ConfigProblem::toString)
                .collect(Collectors.joining("\n"));
    }

    /** The errors, one per line, without the class name: what {@code check-config} prints. */
    @Override
    public String toString() {
        return getMessage();
    }
}

package dev.podbgp.conf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems while a file is read so that one pass reports all of them.
 * Exact duplicates (a template's mistake seen once per peer using it) collapse.
 */
final class Problems {
    private final String file;
    private final Set<ConfigProblem> errors = new LinkedHashSet<>();
    private final Set<ConfigProblem> warnings = new LinkedHashSet<>();
    /** Every report, duplicates included, so "did this step add an error" works for re-read templates too. */
    private int reported;

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void error(Position at, String path, String message) {
        reported++;
        errors.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, at.line(), at.column(), path, message));
    }

    void warning(Position at, String path, String message) {
        warnings.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file, at.line(), at.column(), path, message));
    }

    /** Errors reported so far, counting repeats; compare before and after a step. */
    int errorCount() {
        return reported;
    }

    List<ConfigProblem> errors() {
        List<ConfigProblem> out = new ArrayList<>(errors);
        out.sort(ConfigProblem.BY_POSITION);
        return out;
    }

    List<ConfigProblem> warnings() {
        List<ConfigProblem> out = new ArrayList<>(warnings);
        out.sort(ConfigProblem.BY_POSITION);
        return out;
    }
}

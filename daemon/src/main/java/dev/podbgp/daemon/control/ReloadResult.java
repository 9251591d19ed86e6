package dev.podbgp.daemon.control;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** What a reload changed, by peer name; peers in none of the lists kept their sessions. */
public record ReloadResult(List<String> added, List<String> removed, List<String> changed) {
    public ReloadResult {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}

package dev.podbgp.bgp.session;

import java.util.ArrayList;
import java.util.List;

/** Records events; refuses more (asks for a pause) while {@link #full} is set. */
final class RecordingSink implements PeerEventSink {
    final List<PeerEvent> events = new ArrayList<>();
    final List<Runnable> resumes = new ArrayList<>();
    boolean full;

    @Override
    public boolean accept(PeerEvent event, Runnable resume) {
        events.add(event);
        if (full) {
            resumes.add(resume);
            return false;
        }
        return true;
    }

    <T extends PeerEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void drain() {
        full = false;
        List<Runnable> r = new ArrayList<>(resumes);
        resumes.clear();
        r.forEach(Runnable::run);
    }
}

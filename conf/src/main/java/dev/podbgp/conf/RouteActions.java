package dev.podbgp.conf;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Changes a policy makes to every route it accepts.
 *
 * @param localPref     LOCAL_PREF to set (iBGP only; meaningful on import)
 * @param med           MULTI_EXIT_DISC to set
 * @param addCommunities communities added to the route's own
 * @param asPathPrepend  times our AS is prepended (export to eBGP only), 0..10
 */
public record RouteActions(OptionalLong localPref, OptionalLong med, List<Community> addCommunities, int asPathPrepend) {
    public static final RouteActions NONE = new RouteActions(OptionalLong.empty(), OptionalLong.empty(), List.of(), 0);

    public RouteActions {
        Objects.requireNonNull(localPref, "localPref");
        Objects.requireNonNull(med, "med");
        addCommunities = List.copyOf(addCommunities);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}

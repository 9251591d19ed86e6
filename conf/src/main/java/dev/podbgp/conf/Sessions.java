package dev.podbgp.conf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.podbgp.conf.ConfigParser.as;

/**
 * Timers and graceful restart: given globally and overridable per template and
 * per peer, key by key. The most specific layer that sets a key wins.
 */
final class Sessions {
    private Sessions() {
    }

    private static final Scalar<Duration> HOLD_TIME = Scalars.seconds("hold time", 3, 65535, true);
    private static final Scalar<Duration> RESTART_TIME = Scalars.seconds("restart time", 1, 4095, false);

    /** Layers are mappings, most specific first; the global one is added at the bottom. */
    static Timers timers(ParseContext ctx, List<Value> layers) {
        List<Fields> fields = fields(layers, ctx.globalTimers, "a mapping with holdTime, keepalive and connectRetry");
        if (fields == null) {
            return null;
        }
        Lookup l = Lookup.layered(fields);
        Value holdValue = l.get("holdTime");
        Value keepaliveValue = l.get("keepalive");
        Duration hold = as(holdValue, HOLD_TIME);
        Duration keepalive = as(keepaliveValue, Scalars.DURATION);
        Duration retry = as(l.get("connectRetry"), Scalars.positive("connect retry time"));
        fields.forEach(Fields::finish);
        if ((holdValue != null && hold == null) || (keepaliveValue != null && keepalive == null)) {
            return null;
        }
        Timers d = Timers.DEFAULT;
        if (hold == null) {
            hold = d.holdTime();
        }
        // A holdTime set closer to the session than the keepalive re-derives the keepalive:
        // a template's "holdTime: 9s" must not inherit a global "keepalive: 30s".
        if (keepalive != null && holdValue != null && layerOf(fields, keepaliveValue) > layerOf(fields, holdValue)) {
            keepalive = null;
        }
        if (keepalive == null) {
            keepalive = hold.isZero() ? Duration.ZERO : Duration.ofSeconds(Math.max(1, hold.getSeconds() / 3));
        } else {
            String pair = "keepalive " + Durations.format(keepalive) + " with holdTime " + Durations.format(hold)
                    + (holdValue != null ? " (" + holdValue.path() + ")" : " (the default)");
            if (hold.isZero() && !keepalive.isZero()) {
                keepaliveValue.error(pair + ": keepalives are off when holdTime is 0 (expected keepalive 0s or none)");
                return null;
            }
            if (!hold.isZero() && (keepalive.isZero() || keepalive.compareTo(hold) >= 0)) {
                keepaliveValue.error(pair + ": the session would expire"
                        + " (expected keepalive above 0 and below holdTime, usually a third)");
                return null;
            }
        }
        return new Timers(hold, keepalive, retry == null ? d.connectRetry() : retry);
    }

    static GracefulRestart gracefulRestart(ParseContext ctx, List<Value> layers) {
        List<Fields> fields = fields(layers, ctx.globalGracefulRestart,
                "a mapping with enabled, restartTime, staleRoutesTime and deferralTime");
        if (fields == null) {
            return null;
        }
        Lookup l = Lookup.layered(fields);
        Boolean enabled = as(l.get("enabled"), Scalars.BOOL);
        Duration restart = as(l.get("restartTime"), RESTART_TIME);
        Duration stale = as(l.get("staleRoutesTime"), Scalars.positive("stale routes time"));
        Duration deferral = as(l.get("deferralTime"), Scalars.positive("deferral time"));
        fields.forEach(Fields::finish);
        GracefulRestart d = GracefulRestart.DEFAULT;
        return new GracefulRestart(enabled == null ? d.enabled() : enabled, restart == null ? d.restartTime() : restart,
                stale == null ? d.staleRoutesTime() : stale, deferral == null ? d.deferralTime() : deferral);
    }

    private static List<Fields> fields(List<Value> layers, Value global, String expected) {
        List<Value> all = new ArrayList<>(layers);
        if (global != null) {
            all.add(global);
        }
        List<Fields> out = new ArrayList<>();
        boolean ok = true;
        for (Value v : all) {
            Fields f = v.fields(expected);
            if (f == null) {
                ok = false;
            } else {
                out.add(f);
            }
        }
        return ok ? out : null;
    }

    private static int layerOf(List<Fields> fields, Value v) {
        for (int i = 0; i < fields.size(); i++) {
            if (v.path().startsWith(fields.get(i).map().path() + ".")) {
                return i;
            }
        }
        return fields.size();
    }
}

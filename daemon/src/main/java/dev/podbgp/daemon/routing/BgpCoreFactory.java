package dev.podbgp.daemon.routing;

import dev.podbgp.daemon.Routing;
import dev.podbgp.daemon.RoutingContext;
import dev.podbgp.daemon.RoutingFactory;

/** The real BGP core: what {@code bin/podbgpd} runs. */
public final class BgpCoreFactory implements RoutingFactory {
    @Override
    public Routing create(RoutingContext context) {
        return new BgpCore(context);
    }
}

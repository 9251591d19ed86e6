package dev.podbgp.bgp.session;

import io.netty.channel.EventLoop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A session thread that is a Netty event loop: timers are the loop's scheduled tasks. */
public final class EventLoopScheduler implements SessionScheduler {
    private final EventLoop loop;
    private final Clock clock;

    public EventLoopScheduler(EventLoop loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    public EventLoop loop() {
        return loop;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public boolean inThread() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable command) {
        loop.execute(command);
    }
}

package dev.podbgp.bgp.session;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The event loop group sessions and their accepted connections share. */
class TransportsTest {

    @Test
    void aChannelRegisteredThroughTheGroupGoesToTheLoopPlacementNames() throws Exception {
        AtomicReference<EventLoop> wanted = new AtomicReference<>();
        EventLoopGroup group = Transports.newGroup(2, new DefaultThreadFactory("placement-test", true), ch -> wanted.get());
        try {
            List<EventLoop> loops = new ArrayList<>();
            for (EventExecutor e : group) {
                loops.add((EventLoop) e);
            }
            assertThat(loops).hasSize(2);
            // Round robin would put two channels in a row on different loops: placement puts both on the second.
            wanted.set(loops.get(1));
            List<Channel> channels = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Channel ch = Transports.socketChannel().getConstructor().newInstance();
                    channels.add(ch);
                    assertThat(group.register(ch).await(10, TimeUnit.SECONDS)).isTrue();
                    assertThat(ch.eventLoop()).isSameAs(loops.get(1));
                }
                // Naming none leaves the choice to the group.
                wanted.set(null);
                Channel other = Transports.socketChannel().getConstructor().newInstance();
                channels.add(other);
                assertThat(group.register(other).await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(loops).contains(other.eventLoop());
            } finally {
                for (Channel ch : channels) {
                    ch.close().await(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }
}

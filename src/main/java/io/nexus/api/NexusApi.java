package io.nexus.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.nexus.engine.RequestPool;
import io.nexus.engine.IdleStrategy;
import io.nexus.profile.ApiSettings;
import io.nexus.profile.TuningProfile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's HTTP API, running: a Netty HTTP/1.1 server on the profile's {@code [api]} address whose compute
 * requests go through the engine's {@link RequestPool} (the profile's threads, batch and idle strategy; the
 * {@code [api]} queue capacity). Started by {@link #start}, stopped by {@link #close()}.
 *
 * <p><b>Thread-safety:</b> {@link #address()} and {@link #uri} from any thread; {@link #close()} once.
 */
public final class NexusApi implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final Channel server;
    private final RequestPool pool;
    private final MetricsCache metrics;

    private NexusApi(EventLoopGroup boss, EventLoopGroup io, Channel server, RequestPool pool, MetricsCache metrics) {
        this.boss = boss;
        this.io = io;
        this.server = server;
        this.pool = pool;
        this.metrics = metrics;
    }

    /**
     * Starts the engine's workers and the server, and returns once it listens.
     *
     * @param profile a valid profile: its {@code [api]} section, threads, batch and idle strategy
     * @param cpus    CPUs to size the defaults for (workers and event loops)
     * @throws IOException when the address cannot be bound (in use, not local), saying which
     */
    public static NexusApi start(TuningProfile profile, int cpus) throws IOException {
        ApiSettings settings = profile.api();
        RequestPool pool = new RequestPool("nexus-api-worker", profile.threadCount(cpus), settings.queueCapacity(),
                Math.min(profile.batch(), settings.queueCapacity()), IdleStrategy.Kind.valueOf(profile.idle().name()));
        RateLimits limits = new RateLimits();
        MatrixJobs jobs = new MatrixJobs(settings.jobCapacity(), Duration.ofSeconds(settings.jobTtlSeconds()), Instant::now);
        MetricsCache metrics = new MetricsCache(pool, settings.cacheTtlMillis(), () -> {
            limits.forgetIdle();
            jobs.expire();
        });
        ApiContext context = new ApiContext(settings, pool, metrics, jobs, limits);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(settings.ioThreadCount(cpus), NioIoHandler.newFactory());
        AtomicInteger open = new AtomicInteger();
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (open.incrementAndGet() > settings.maxConnections()) {
                            open.decrementAndGet();
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(_ -> open.decrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new OversizedBody(settings.maxBodyBytes()), new ApiHandler(context));
                    }
                });
        try {
            Channel server = bootstrap.bind(settings.bind(), settings.port()).sync().channel();
            return new NexusApi(boss, io, server, pool, metrics);
        } catch (Exception e) {
            shutdown(boss, io, pool, metrics);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot listen on " + settings.bind() + ":" + settings.port() + " (the profile's api.bind and"
                    + " api.port): " + e.getMessage(), e);
        }
    }

    /** @return the engine's worker threads that run the compute requests */
    public int threads() {
        return pool.threads();
    }

    /** @return the address the server listens on (the actual port when the profile asked for 0) */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** @return {@code http://host:port} + {@code path} */
    public URI uri(String path) {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + path);
    }

    /** Stops listening, closes the connections and stops the engine's workers (requests still queued get 503). */
    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        shutdown(boss, io, pool, metrics);
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup io, RequestPool pool, MetricsCache metrics) {
        metrics.close();
        pool.close();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

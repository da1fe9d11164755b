package io.nexus.engine.workload;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One worker's HTTP/1.1 client as an event loop, as wrk's threads are: {@code lanes} keep-alive connections, non-blocking,
 * on one {@link Selector} that the worker's own thread polls (no hand-off to another thread, so the time measured is the
 * request's). The request is encoded once by Netty's {@link HttpRequestEncoder} and written as is for every op; each
 * connection's responses are parsed by Netty's {@link HttpResponseDecoder} in an {@link EmbeddedChannel} on the same
 * thread. No hand-written HTTP. A connection the server closes, or one that failed, is opened again by its lane's next op,
 * without blocking the loop (the request goes out once the connection is made; the op's time includes the connect).
 *
 * <p>An op ends when its response's last byte is parsed (any status: a latency, as wrk counts it), or fails when its
 * connection fails or it has waited {@link #TIMEOUT_NANOS}, for its write or its response. It allocates per op (the
 * decoder's buffers and objects): an HTTP op costs microseconds, and the allocation is part of what a client does.
 *
 * <p><b>Thread-safety:</b> confined to its worker's thread.
 */
final class HttpEventKernel implements EventKernel {
    /**
     * How long an op may wait for its write to be taken and its response to arrive before it counts as a timeout: 5 s. A
     * timed-out request is a failed op, not a latency: a stall longer than this leaves the longest waits out of the
     * percentiles (the result's outcomes count them).
     */
    static final long TIMEOUT_NANOS = 5_000_000_000L;
    /** How often in-flight ops are checked against the timeout: 10 ms. */
    private static final long TIMEOUT_SCAN_NANOS = 10_000_000L;
    /** Bytes asked of a socket per read. */
    private static final int READ_BYTES = 8 << 10;

    private final InetSocketAddress address;
    /** The request as sent, read-only; each write works on a duplicate. */
    private final ByteBuffer request;
    private final HttpWorkload counters;
    private final Selector selector;
    private final Lane[] lanes;
    /** Handles one ready connection; made once, as {@link Selector#select(Consumer, long)} takes one per call. */
    private final Consumer<SelectionKey> onReady = this::onReady;
    /** The receiver of the current {@link #await} call's ended ops. */
    private Ended ended;
    private long nextTimeoutScan;

    /** Opens every connection now, so that a wrong target fails the run at its start, saying why. */
    HttpEventKernel(URI target, int size, int lanes, long seed, HttpWorkload counters) {
        if (lanes < 1) {
            throw new IllegalArgumentException("an http kernel needs at least one connection, got " + lanes);
        }
        this.address = new InetSocketAddress(target.getHost(), target.getPort());
        this.counters = counters;
        this.request = encode(target, size, seed);
        this.lanes = new Lane[lanes];
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector: " + e.getMessage(), e);
        }
        try {
            for (int i = 0; i < lanes; i++) {
                this.lanes[i] = new Lane(i);
                this.lanes[i].connect();
            }
        } catch (IOException e) {
            close();
            throw new IllegalStateException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
        nextTimeoutScan = System.nanoTime() + TIMEOUT_SCAN_NANOS;
    }

    private static ByteBuffer encode(URI target, int size, long seed) {
        String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        byte[] body = new byte[size];
        new SplittableRandom(seed).nextBytes(body);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, size == 0 ? HttpMethod.GET : HttpMethod.POST,
                path, Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, target.getHost() + ":" + target.getPort());
        if (size > 0) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        }
        HttpUtil.setContentLength(request, size);
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        encoder.writeOutbound(request);
        ByteBuf encoded = Unpooled.buffer();
        for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
            encoded.writeBytes(part);
            part.release();
        }
        encoder.finishAndReleaseAll();
        ByteBuffer bytes = ByteBuffer.allocateDirect(encoded.readableBytes());
        encoded.readBytes(bytes);
        encoded.release();
        return bytes.flip().asReadOnlyBuffer();
    }

    @Override
    public int lanes() {
        return lanes.length;
    }

    @Override
    public void begin(int lane) throws Exception {
        Lane l = lanes[lane];
        try {
            if (l.channel == null) {
                l.reconnect();
            }
            l.unsent = request.duplicate();
            if (!l.connecting) {
                l.send();
            }
        } catch (IOException e) {
            counters.count(HttpWorkload.Outcome.ERROR);
            l.close();
            throw new RequestFailed(String.valueOf(e.getMessage()));
        }
        l.busy = true;
        l.timeoutAt = System.nanoTime() + TIMEOUT_NANOS;
    }

    @Override
    public void await(long timeoutNanos, Ended receiver) {
        ended = receiver;
        try {
            if (timeoutNanos >= 1_000_000) {
                selector.select(onReady, timeoutNanos / 1_000_000);
            } else {
                selector.selectNow(onReady);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the selector failed: " + e.getMessage(), e);
        }
        long now = System.nanoTime();
        if (now >= nextTimeoutScan) {
            for (Lane l : lanes) {
                if (l.busy && now - l.timeoutAt >= 0) {
                    l.fail(HttpWorkload.Outcome.TIMEOUT);
                }
            }
            nextTimeoutScan = now + TIMEOUT_SCAN_NANOS;
        }
    }

    private void onReady(SelectionKey key) {
        Lane l = (Lane) key.attachment();
        try {
            if (key.isValid() && key.isConnectable()) {
                l.channel.finishConnect();
                l.connecting = false;
                l.send();
            } else if (key.isValid() && key.isWritable()) {
                l.send();
            }
            if (key.isValid() && key.isReadable()) {
                l.read();
            }
        } catch (IOException | CodecException e) {
            // the connection or its bytes failed; a failure of the receiver of ended ops is not caught here: it fails the run
            l.fail(HttpWorkload.Outcome.ERROR);
        }
    }

    /** Closes every connection and the selector. */
    @Override
    public void close() {
        for (Lane l : lanes) {
            if (l != null) {
                l.close();
            }
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
        }
    }

    /** One keep-alive connection and the op on it. */
    private final class Lane {
        final int index;
        SocketChannel channel;
        SelectionKey key;
        EmbeddedChannel decoder;
        /** The rest of the request while the socket has not taken all of it, else null. */
        ByteBuffer unsent;
        /** Whether a non-blocking connect is under way: the request waits in {@link #unsent}. */
        boolean connecting;
        boolean busy;
        long timeoutAt;
        int status;
        boolean keepAlive;

        Lane(int index) {
            this.index = index;
        }

        /** Connects, waiting for it (at the start, when nothing else runs on this loop). */
        void connect() throws IOException {
            open(true);
        }

        /** Starts a connect that {@link #onReady} finishes: the loop's other connections go on meanwhile. */
        void reconnect() throws IOException {
            open(false);
        }

        private void open(boolean waiting) throws IOException {
            SocketChannel opened = SocketChannel.open();
            try {
                opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
                boolean connected;
                if (waiting) {
                    opened.socket().connect(address, (int) (TIMEOUT_NANOS / 1_000_000));
                    opened.configureBlocking(false);
                    connected = true;
                } else {
                    opened.configureBlocking(false);
                    connected = opened.connect(address);
                }
                key = opened.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
                connecting = !connected;
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
            decoder = new EmbeddedChannel(new HttpResponseDecoder());
        }

        /** Writes what the socket takes of the request; waits for it to take the rest, if any. */
        void send() throws IOException {
            channel.write(unsent);
            if (unsent.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                unsent = null;
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        void read() throws IOException {
            ByteBuf bytes = ByteBufAllocator.DEFAULT.ioBuffer(READ_BYTES);
            int n;
            try {
                n = bytes.writeBytes(channel, READ_BYTES);
            } catch (IOException e) {
                bytes.release();
                throw e;
            }
            if (n <= 0) {
                bytes.release();
                if (n < 0) {
                    decoder.finish(); // a response that runs to the connection's end (no length) ends here
                    drain();
                    if (busy) {
                        throw new IOException("the server closed the connection");
                    }
                    close();
                }
                return;
            }
            decoder.writeInbound(bytes);
            drain();
        }

        /** Handles what the decoder has parsed: a response's status, and its end. */
        private void drain() throws IOException {
            for (Object message; decoder != null && (message = decoder.readInbound()) != null; ) {
                try {
                    if (message instanceof HttpObject o && o.decoderResult().isFailure()) {
                        throw new IOException("not an HTTP response: " + o.decoderResult().cause().getMessage());
                    }
                    if (message instanceof HttpResponse response) {
                        status = response.status().code();
                        keepAlive = HttpUtil.isKeepAlive(response);
                    }
                    if (message instanceof LastHttpContent) {
                        answered();
                    }
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
        }

        /** The response is complete: the op ends (an answer to no request puts the connection out of step: closed). */
        private void answered() {
            boolean asked = busy;
            busy = false;
            if (!asked || !keepAlive || unsent != null) {
                close();
            }
            if (asked) {
                counters.count(HttpWorkload.Outcome.ofStatus(status));
                ended.ended(index, true);
            }
        }

        /** Ends the connection; its op, if any, failed with {@code outcome}. */
        void fail(HttpWorkload.Outcome outcome) {
            boolean asked = busy;
            busy = false;
            close();
            if (asked) {
                counters.count(outcome);
                ended.ended(index, false);
            }
        }

        void close() {
            unsent = null;
            connecting = false;
            if (key != null) {
                key.cancel();
                key = null;
            }
            EmbeddedChannel parser = decoder;
            decoder = null;
            try {
                if (parser != null) {
                    parser.finishAndReleaseAll();
                }
            } catch (CodecException ignored) {
                // a parse failure left in the decoder: the connection is being dropped anyway
            } finally {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // closed is what was wanted
                    }
                    channel = null;
                }
            }
        }
    }

    /** A request without a response: the op failed. Without a stack trace, as failures may be many per second. */
    private static final class RequestFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RequestFailed(String message) {
            super(message, null, false, false);
        }
    }
}

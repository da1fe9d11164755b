package io.nexus.engine.workload;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.SplittableRandom;

/**
 * One worker's HTTP/1.1 client: a blocking keep-alive socket that the worker's own thread writes and reads (no hand-off
 * to an event loop, so the time measured is the request's), with Netty's client codec, run in an
 * {@link EmbeddedChannel} on the same thread, encoding the request and parsing the response. A connection the server
 * closes, or one that failed, is replaced at the next op.
 *
 * <p>Unlike the kernels it allocates per op (the codec's buffers and the response): an HTTP op costs microseconds, and
 * the allocation is part of what a client does. Confined to its worker's thread.
 */
final class HttpKernel implements Kernel {
    /**
     * How long a read may wait for the response's next bytes, or a write for the server to take the request, before the
     * request is counted as a timeout: 5 s (writes are ended by the {@link WriteWatchdog}, within a further 0.5 s). A
     * timed-out request is a failed op, not a latency: a stall longer than this leaves the longest waits out of the
     * percentiles (the result's outcomes count them).
     */
    static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_RESPONSE_BYTES = 64 << 20;

    private final InetSocketAddress address;
    private final FullHttpRequest request;
    private final HttpWorkload counters;
    private final byte[] readBuffer = new byte[64 << 10];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private EmbeddedChannel codec;
    /** The write in progress, for the watchdog: null when not writing; whoever clears it first owns its outcome. */
    private final java.util.concurrent.atomic.AtomicReference<Write> writing = new java.util.concurrent.atomic.AtomicReference<>();
    /** Set by the watchdog when it ended this op's write. */
    private volatile boolean writeTimedOut;

    /** Connects now, so that a wrong target fails the run at its start, saying why. */
    HttpKernel(URI target, int size, long seed, HttpWorkload counters) {
        this.address = new InetSocketAddress(target.getHost(), target.getPort());
        this.counters = counters;
        String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        byte[] body = new byte[size];
        new SplittableRandom(seed).nextBytes(body);
        this.request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, size == 0 ? HttpMethod.GET : HttpMethod.POST, path,
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, target.getHost() + ":" + target.getPort());
        if (size > 0) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        }
        HttpUtil.setContentLength(request, size);
        try {
            connect();
        } catch (IOException e) {
            close();
            throw new IllegalStateException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(address, TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        codec = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES));
        WriteWatchdog.INSTANCE.watch(this);
    }

    @Override
    public void execute() throws Exception {
        try {
            if (socket == null) {
                connect();
            }
            codec.writeOutbound(request.retainedDuplicate());
            writeTimedOut = false;
            Write written = new Write(socket, System.nanoTime());
            writing.set(written);
            try {
                for (ByteBuf encoded; (encoded = codec.readOutbound()) != null; ) {
                    try {
                        encoded.readBytes(out, encoded.readableBytes());
                    } finally {
                        encoded.release();
                    }
                }
                out.flush();
            } finally {
                writing.compareAndSet(written, null);
            }
            FullHttpResponse response;
            while ((response = codec.readInbound()) == null) {
                int n = in.read(readBuffer);
                if (n < 0) {
                    throw new IOException("the server closed the connection before answering");
                }
                codec.writeInbound(Unpooled.copiedBuffer(readBuffer, 0, n));
            }
            try {
                counters.count(HttpWorkload.Outcome.ofStatus(response.status().code()));
                if (!HttpUtil.isKeepAlive(response)) {
                    close();
                }
            } finally {
                response.release();
            }
        } catch (SocketTimeoutException e) {
            counters.count(HttpWorkload.Outcome.TIMEOUT);
            close();
            throw new RequestFailed("no response within " + TIMEOUT_MILLIS + " ms");
        } catch (IOException | RuntimeException e) {
            boolean stalled = writeTimedOut;
            writeTimedOut = false;
            counters.count(stalled ? HttpWorkload.Outcome.TIMEOUT : HttpWorkload.Outcome.ERROR);
            close();
            throw new RequestFailed(stalled ? "the request's write did not finish within " + TIMEOUT_MILLIS + " ms" : String.valueOf(e.getMessage()));
        }
    }

    /** Closes the socket if its write began over {@link #TIMEOUT_MILLIS} before {@code now} (ns); the watchdog's thread. */
    void closeIfWriteStalled(long now) {
        Write stalled = writing.get();
        if (stalled != null && now - stalled.startedNanos() > TIMEOUT_MILLIS * 1_000_000L && writing.compareAndSet(stalled, null)) {
            writeTimedOut = true;
            try {
                stalled.socket().close(); // the blocked write fails with a SocketException
            } catch (IOException ignored) {
                // closed is what was wanted
            }
        }
    }

    /** Closes the connection; the next op opens a new one. */
    @Override
    public void close() {
        WriteWatchdog.INSTANCE.forget(this);
        if (codec != null) {
            codec.finishAndReleaseAll();
            codec = null;
        }
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do with it
            }
            socket = null;
        }
    }

    /** One request's write: its socket and when it began (ns). */
    private record Write(Socket socket, long startedNanos) {
    }

    /** A request without a response: the op failed. Without a stack trace, as failures may be many per second. */
    private static final class RequestFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RequestFailed(String message) {
            super(message, null, false, false);
        }
    }
}

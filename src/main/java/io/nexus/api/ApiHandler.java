package io.nexus.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.nexus.engine.RequestPool;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Routes one connection's requests to the API's endpoints and answers them in the order they came (HTTP/1.1
 * pipelining): while a request is with the engine, later ones on the same connection wait here, at most
 * {@link #MAX_PIPELINED}. Compute requests go to the engine's {@link RequestPool}; everything else is answered on the
 * event loop from state that is ready (the metrics cache, the job map).
 *
 * <p><b>Thread-safety:</b> one instance per connection, confined to its event loop; engine workers hand their results
 * back through the event loop's executor.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Requests a client may send ahead on one connection before it is closed. */
    static final int MAX_PIPELINED = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOBS = "/jobs/";

    private final ApiContext api;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;

    ApiHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            if (waiting.size() >= MAX_PIPELINED) {
                ctx.close();
                return;
            }
            waiting.add(request.retain());
            return;
        }
        handle(ctx, request);
    }

    /** Answers {@code request}, or a problem when it cannot be: a bad URI is a 400, anything unforeseen a 500. */
    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            route(ctx, request);
        } catch (IllegalArgumentException e) {
            answer(ctx, new Problem(HttpResponseStatus.BAD_REQUEST, "the request's URI cannot be read: " + e.getMessage(), "").response());
        } catch (RuntimeException e) {
            busy = false;
            answer(ctx, new Problem(HttpResponseStatus.INTERNAL_SERVER_ERROR, "the API failed on this request: " + e, "").response());
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            boolean tooLarge = cause instanceof OversizedBody.TooLarge;
            FullHttpResponse refused = new Problem(tooLarge ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST,
                    tooLarge ? cause.getMessage() : "the request is not valid HTTP/1.1: " + cause.getMessage(), "").response();
            // the decoder (or the aggregator) drops what follows on this connection: answer, then close it
            refused.headers().set(HttpHeaderNames.CONNECTION, io.netty.handler.codec.http.HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(refused).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            waiting.forEach(FullHttpRequest::release);
            waiting.clear();
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        switch (path) {
            case "/health" -> get(ctx, method, path, () -> json(HttpResponseStatus.OK, JSON.createObjectNode().put("status", "UP")));
            case "/ready" -> get(ctx, method, path, () -> ready(path));
            case "/metrics" -> get(ctx, method, path, () -> metrics(request));
            case "/compute/xor" -> post(ctx, request, path, Endpoint.XOR);
            case "/compute/sha256" -> post(ctx, request, path, Endpoint.SHA256);
            case "/compute/matrix" -> post(ctx, request, path, Endpoint.MATRIX);
            default -> {
                if (path.startsWith(JOBS) && path.length() > JOBS.length()) {
                    get(ctx, method, path, () -> job(path.substring(JOBS.length()), path));
                } else {
                    answer(ctx, new Problem(HttpResponseStatus.NOT_FOUND, "no endpoint at " + path + "; the API has GET /health, /ready,"
                            + " /metrics, /jobs/{id} and POST /compute/xor, /compute/sha256, /compute/matrix", path).response());
                }
            }
        }
    }

    private void get(ChannelHandlerContext ctx, HttpMethod method, String path, java.util.function.Supplier<FullHttpResponse> answer) {
        if (!method.equals(HttpMethod.GET)) {
            answer(ctx, notAllowed(method, path, "GET"));
            return;
        }
        answer(ctx, answer.get());
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest request, String path, Endpoint endpoint) {
        if (!request.method().equals(HttpMethod.POST)) {
            answer(ctx, notAllowed(request.method(), path, "POST"));
            return;
        }
        RateLimits.Decision limit = api.limits().take(path, clientOf(ctx), endpoint.limitPerMinute(api.settings()));
        if (!limit.allowed()) {
            FullHttpResponse tooMany = new Problem(HttpResponseStatus.TOO_MANY_REQUESTS, "more than " + limit.limit()
                    + " requests per minute to " + path + " from this address (the profile's [api] limit); retry after "
                    + limit.secondsToRetry() + " s", path).response();
            tooMany.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(Math.max(1, limit.secondsToRetry())));
            rateHeaders(tooMany, limit);
            answer(ctx, tooMany);
            return;
        }
        Object input;
        try {
            input = endpoint == Endpoint.MATRIX ? matrixOrder(request) : bytesOf(request);
        } catch (BadInput e) {
            answer(ctx, rateHeaders(new Problem(HttpResponseStatus.BAD_REQUEST, e.getMessage(), path).response(), limit));
            return;
        }
        boolean jsonIn = isJson(request);
        if (endpoint == Endpoint.MATRIX) {
            answer(ctx, rateHeaders(submitJob((MatrixOrder) input, path), limit));
            return;
        }
        busy = true;
        ComputeRequest work = new ComputeRequest(ctx, endpoint, (byte[]) input, jsonIn, path, limit);
        if (!api.pool().submit(work)) {
            busy = false;
            answer(ctx, rateHeaders(busy(path, "the engine's queues are full (" + api.pool().queueDepth() + " requests waiting)"), limit));
        }
    }

    private FullHttpResponse submitJob(MatrixOrder order, String path) {
        Optional<MatrixJobs.Job> added = api.jobs().add(order.n, order.seed);
        if (added.isEmpty()) {
            return busy(path, "the job store is full (" + api.settings().jobCapacity() + " jobs kept; finished ones are kept "
                    + api.settings().jobTtlSeconds() + " s)");
        }
        MatrixJobs.Job job = added.get();
        if (!api.pool().submit(new MatrixJob(api.jobs(), job))) {
            api.jobs().remove(job.id());
            return busy(path, "the engine's queues are full (" + api.pool().queueDepth() + " requests waiting)");
        }
        String location = JOBS + job.id();
        FullHttpResponse accepted = json(HttpResponseStatus.ACCEPTED, jobJson(job));
        accepted.headers().set(HttpHeaderNames.LOCATION, location);
        return accepted;
    }

    private FullHttpResponse job(String id, String path) {
        return api.jobs().get(id).map(job -> json(HttpResponseStatus.OK, jobJson(job)))
                .orElseGet(() -> new Problem(HttpResponseStatus.NOT_FOUND, "no job " + id + ": unknown, or finished more than "
                        + api.jobs().ttl().toSeconds() + " s ago and expired", path).response());
    }

    private static ObjectNode jobJson(MatrixJobs.Job job) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", job.id());
        n.put("status", job.status().name().toLowerCase(Locale.ROOT));
        n.put("n", job.n());
        n.put("seed", job.seed());
        n.put("submitted", job.submitted().toString());
        if (job.finished() != null) {
            n.put("finished", job.finished().toString());
        }
        job.result().ifPresent(r -> {
            if (job.status() == MatrixJobs.Status.FAILED) {
                n.put("error", r);
            } else {
                n.set("result", parse(r));
            }
        });
        n.put("location", JOBS + job.id());
        return n;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("a job's result is always JSON", e);
        }
    }

    private FullHttpResponse ready(String path) {
        long depth = api.pool().queueDepth();
        long capacity = (long) api.pool().capacityPerWorker() * api.pool().threads();
        if (!api.pool().workersRunning()) {
            return new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "the engine's workers are not all running", path).response();
        }
        if (depth * 10 >= capacity * 9) {
            return new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "the engine's queues are over 90 % full (" + depth + " of "
                    + capacity + ")", path).response();
        }
        return json(HttpResponseStatus.OK, JSON.createObjectNode().put("status", "READY").put("workers", api.pool().threads())
                .put("queue_depth", depth).put("queue_capacity", capacity));
    }

    private FullHttpResponse metrics(FullHttpRequest request) {
        MetricsCache.Snapshot snapshot = api.metrics().current();
        String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
        boolean json = accept.contains("application/json");
        return body(HttpResponseStatus.OK, json ? "application/json" : "text/plain; version=0.0.4; charset=utf-8",
                (json ? snapshot.json() : snapshot.prometheus()).duplicate());
    }

    private void answer(ChannelHandlerContext ctx, FullHttpResponse response) {
        ctx.writeAndFlush(response);
        FullHttpRequest next;
        while (!busy && (next = waiting.poll()) != null) {
            try {
                handle(ctx, next);
            } finally {
                next.release();
            }
        }
    }

    /** Called on the event loop when the engine has answered this connection's request in flight. */
    private void finished(ChannelHandlerContext ctx, FullHttpResponse response) {
        busy = false;
        answer(ctx, response);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static FullHttpResponse busy(String path, String why) {
        FullHttpResponse response = new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, why + "; retry later", path).response();
        response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        return response;
    }

    private static FullHttpResponse notAllowed(HttpMethod method, String path, String allowed) {
        FullHttpResponse response = new Problem(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed on " + path
                + "; use " + allowed, path).response();
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    private static FullHttpResponse rateHeaders(FullHttpResponse response, RateLimits.Decision limit) {
        if (limit.limit() > 0) {
            response.headers().set("RateLimit-Limit", limit.limit()).set("RateLimit-Remaining", limit.remaining())
                    .set("RateLimit-Reset", limit.secondsToReset());
        }
        return response;
    }

    static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
        return bytes(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static FullHttpResponse bytes(HttpResponseStatus status, String type, byte[] body) {
        return body(status, type, Unpooled.wrappedBuffer(body));
    }

    private static FullHttpResponse body(HttpResponseStatus status, String type, ByteBuf body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    private static String clientOf(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "local";
    }

    private static boolean isJson(FullHttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** @return the input: the body's bytes, or the base64 {@code data} of a JSON body */
    private static byte[] bytesOf(FullHttpRequest request) throws BadInput {
        byte[] body = ByteBufUtil.getBytes(request.content());
        byte[] input = body;
        if (isJson(request)) {
            JsonNode data = jsonBody(body).get("data");
            if (data == null || !data.isTextual()) {
                throw new BadInput("a JSON body needs \"data\": the input as a base64 string, e.g. {\"data\":\"AAEC\"}");
            }
            try {
                input = Base64.getDecoder().decode(data.textValue());
            } catch (IllegalArgumentException e) {
                throw new BadInput("\"data\" is not base64: " + e.getMessage());
            }
        }
        if (input.length == 0) {
            throw new BadInput("the input is empty: send 1 or more bytes (application/octet-stream) or {\"data\": base64}");
        }
        return input;
    }

    private MatrixOrder matrixOrder(FullHttpRequest request) throws BadInput {
        JsonNode body = jsonBody(ByteBufUtil.getBytes(request.content()));
        JsonNode n = body.get("n");
        int max = api.settings().maxMatrixOrder();
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 1 || n.intValue() > max) {
            throw new BadInput("\"n\" must be the matrix order, a whole number in [1, " + max + "] (the profile's api.max_matrix_order), got "
                    + (n == null ? "nothing" : n.toString()));
        }
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.canConvertToLong()) {
            throw new BadInput("\"seed\" must be a whole number, got " + seed);
        }
        return new MatrixOrder(n.intValue(), seed == null ? 1 : seed.longValue());
    }

    private static JsonNode jsonBody(byte[] body) throws BadInput {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadInput("the body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadInput("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
    }

    private record MatrixOrder(int n, long seed) {
    }

    /** A request's input that cannot be used; its message says why, for the problem's detail. */
    private static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    /** The compute endpoints and the limit each takes from the profile. */
    enum Endpoint {
        XOR, SHA256, MATRIX;

        int limitPerMinute(io.nexus.profile.ApiSettings settings) {
            return this == MATRIX ? settings.heavyPerMinute() : settings.binaryPerMinute();
        }
    }

    /** One xor or sha256 request on its way through the engine. */
    private final class ComputeRequest extends RequestPool.Request {
        private final ChannelHandlerContext ctx;
        private final Endpoint endpoint;
        private final byte[] input;
        private final boolean jsonIn;
        private final String path;
        private final RateLimits.Decision limit;

        ComputeRequest(ChannelHandlerContext ctx, Endpoint endpoint, byte[] input, boolean jsonIn, String path, RateLimits.Decision limit) {
            this.ctx = ctx;
            this.endpoint = endpoint;
            this.input = input;
            this.jsonIn = jsonIn;
            this.path = path;
            this.limit = limit;
        }

        @Override
        protected void execute() throws Exception {
            FullHttpResponse response;
            if (endpoint == Endpoint.XOR) {
                byte[] out = Computations.xor(input);
                response = jsonIn ? json(HttpResponseStatus.OK, JSON.createObjectNode().put("result", Base64.getEncoder().encodeToString(out)))
                        : bytes(HttpResponseStatus.OK, "application/octet-stream", out);
            } else {
                response = json(HttpResponseStatus.OK, JSON.createObjectNode().put("sha256", Computations.sha256Hex(input)));
            }
            FullHttpResponse done = rateHeaders(response, limit);
            ctx.executor().execute(() -> finished(ctx, done));
        }

        @Override
        protected void failed(Throwable failure) {
            HttpResponseStatus status = failure instanceof IllegalStateException ? HttpResponseStatus.SERVICE_UNAVAILABLE
                    : HttpResponseStatus.INTERNAL_SERVER_ERROR;
            FullHttpResponse response = new Problem(status, "the engine could not run the request: " + failure, path).response();
            ctx.executor().execute(() -> finished(ctx, response));
        }
    }
}

package io.nexus.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An error answered as RFC 9457 problem details ({@code application/problem+json}): {@code type} is
 * {@code about:blank}, so {@code title} is the status's reason phrase and {@code detail} says what was wrong and what
 * to do. Immutable.
 *
 * @param status   the HTTP status
 * @param detail   what was wrong, for a person
 * @param instance the request's path
 */
record Problem(HttpResponseStatus status, String detail, String instance) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the response, with a {@code Content-Length}; headers such as {@code Retry-After} may be added */
    FullHttpResponse response() {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", detail);
        body.put("instance", instance);
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}

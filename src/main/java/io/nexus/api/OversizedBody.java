package io.nexus.api;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Netty's aggregator of a request's body, answering a body over the limit with 413 as problem details and closing the
 * connection (its rest is not read). One per connection.
 */
final class OversizedBody extends HttpObjectAggregator {
    private final int maxBodyBytes;

    OversizedBody(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String path = oversized instanceof HttpRequest r ? new QueryStringDecoder(r.uri()).path() : "";
        var response = new Problem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the body is larger than " + maxBodyBytes
                + " bytes (the profile's api.max_body_bytes)", path).response();
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}

package io.nexus.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's aggregator of a request's body, which passes a body over the limit on to {@link ApiHandler} as a request whose
 * decoding failed with {@link TooLarge}, so that the 413 is answered in its turn among pipelined requests (then the
 * connection is closed: its rest is not read). One per connection.
 */
final class OversizedBody extends HttpObjectAggregator {
    private final int maxBodyBytes;

    OversizedBody(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String uri = oversized instanceof HttpRequest r ? r.uri() : "/";
        FullHttpRequest marker = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        marker.setDecoderResult(DecoderResult.failure(new TooLarge("the body is larger than " + maxBodyBytes
                + " bytes (the profile's api.max_body_bytes)")));
        ctx.fireChannelRead(marker);
    }

    /** Why a request was refused: its body was over the limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }
}

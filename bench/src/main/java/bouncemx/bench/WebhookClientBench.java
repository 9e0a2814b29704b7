package bouncemx.bench;

import com.sun.net.httpserver.HttpServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which HTTP client the webhook sender should use (issue 10): requests/s of the JDK HttpClient and of a
 * Netty client, each keeping IN_FLIGHT keep-alive requests in flight (1 KB JSON bodies, the webhook
 * headers) to one local receiver (the JDK's HttpServer, 4 threads, answers 204). The receiver's own cost
 * is in both figures; the ratio is what matters. Not a JMH benchmark: a few seconds per client, warm-up
 * first, best of three rounds.
 *
 * <p>Usage: java -cp bouncemx.jar:CLASSES bouncemx.bench.WebhookClientBench [IN_FLIGHT] [REQUESTS]
 */
public final class WebhookClientBench {
    public static void main(String[] args) throws Exception {
        int inFlight = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        byte[] body = new byte[1024];
        Arrays.fill(body, (byte) 'x');
        body[0] = '"';
        body[body.length - 1] = '"';
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        System.out.printf("machine: %d cores, %s; JDK %s; %d in flight, %d requests of %d bytes per round%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), System.getProperty("java.version"),
                inFlight, requests, body.length);
        double jdk = 0;
        double netty = 0;
        jdk(uri, body, inFlight, requests / 4);     // warm-up
        netty(uri, body, inFlight, requests / 4);
        for (int round = 0; round < 3; round++) {
            jdk = Math.max(jdk, jdk(uri, body, inFlight, requests));
            netty = Math.max(netty, netty(uri, body, inFlight, requests));
        }
        System.out.printf("JDK HttpClient: %,.0f requests/s%nNetty 4 client: %,.0f requests/s%n", jdk, netty);
        server.stop(0);
        System.exit(0);
    }

    static double jdk(URI uri, byte[] body, int inFlight, int requests) throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).build();
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(requests);
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            HttpRequest r = HttpRequest.newBuilder(uri).header("content-type", "application/json").header("webhook-id", "ev_" + i)
                    .header("webhook-timestamp", "1764662400").header("webhook-signature", "v1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(r, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, e) -> {
                if (e != null || resp.statusCode() != 204) throw new IllegalStateException("failed: " + e);
                slots.release();
                done.countDown();
            });
        }
        done.await();
        double rate = requests / ((System.nanoTime() - t0) / 1e9);
        client.shutdownNow();
        pool.shutdownNow();
        return rate;
    }

    static double netty(URI uri, byte[] body, int inFlight, int requests) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(2);
        AtomicInteger started = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(requests);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16), new SimpleChannelInboundHandler<FullHttpResponse>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
                        if (msg.status().code() != 204) throw new IllegalStateException("status " + msg.status());
                        done.countDown();
                        send(ctx.channel(), uri, body, started, requests);
                    }
                });
            }
        });
        long t0 = System.nanoTime();
        for (int c = 0; c < inFlight; c++) {
            Channel ch = b.connect(uri.getHost(), uri.getPort()).sync().channel();
            send(ch, uri, body, started, requests);
        }
        done.await();
        double rate = requests / ((System.nanoTime() - t0) / 1e9);
        group.shutdownGracefully().sync();
        return rate;
    }

    static void send(Channel ch, URI uri, byte[] body, AtomicInteger started, int requests) {
        int i = started.getAndIncrement();
        if (i >= requests) return;
        var r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri.getRawPath(), Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort()).set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length).set("webhook-id", "ev_" + i).set("webhook-timestamp", "1764662400")
                .set("webhook-signature", "v1,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=");
        ch.writeAndFlush(r);
    }
}

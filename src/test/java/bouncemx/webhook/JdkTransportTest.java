package bouncemx.webhook;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook HTTP client against an endpoint that misbehaves in ways that would cost memory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkTransportTest {

    @Test
    void aResponseBodyOfGigabytesIsCutAfterItsExcerpt() throws Exception {
        AtomicLong served = new AtomicLong();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked, no length: "the body never ends"
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 32 * 1024 && served.get() < (2L << 30); i++) { // at most 2 GiB, then it stops
                    out.write(chunk);
                    served.addAndGet(chunk.length);
                }
            } catch (IOException dropped) {
                // the client stopped reading: what the test expects
            }
        });
        endpoint.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        endpoint.start();
        var deadlines = Executors.newSingleThreadScheduledExecutor();
        try (var transport = new JdkTransport(false, Duration.ofSeconds(5), Executors.newVirtualThreadPerTaskExecutor(),
                deadlines, "test")) {
            var request = new WebhookRequest(URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/h"),
                    "msg_1", 1, "v1,x", "{}".getBytes(), Duration.ofSeconds(30));
            Answer a = transport.post(request).get(30, TimeUnit.SECONDS);
            var replied = assertInstanceOf(Answer.Replied.class, a);
            assertEquals(200, replied.status());
            assertTrue(replied.excerpt().length() <= 200 && replied.excerpt().startsWith("xxx"), replied.excerpt());
            assertTrue(served.get() < (256L << 20), "the client stopped reading early: " + served.get() + " bytes served");
        } finally {
            endpoint.stop(0);
            deadlines.shutdownNow();
        }
    }
}

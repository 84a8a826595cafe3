package registration.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import registration.ratelimit.RateLimitSettings.LoginLockout;

/**
 * The counters in Redis, so that every instance enforces one limit: buckets through Bucket4j's Lettuce
 * proxy (compare-and-swap), login windows through one Lua script. Time comes from the application clock
 * on both (never Redis' own), like the local counters. Every call throws when Redis does not answer —
 * quickly: commands are refused while the connection is down instead of queued, and time out after a
 * second — and {@link LimitCounters} then counts locally. Lettuce reconnects on its own in the background after a
 * socket error; after a timeout this class drops the connection and connects afresh (a silent peer gives no error),
 * and TCP keepalive finds a dead peer on an idle connection.
 */
final class RedisLimits implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /**
     * {@link LocalLimits#admitLogin} in Lua, atomic per key; the key expires once nothing about it can matter.
     * Returns the milliseconds the lock still lasts, 0 when admitted, -1 when admitted as the try that set the lock.
     */
    static final String ADMIT_LOGIN = """
            local now, window, max, lock = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local state = redis.call('HMGET', KEYS[1], 'start', 'count', 'locked_until')
            local start, count, lockedUntil = tonumber(state[1]), tonumber(state[2]), tonumber(state[3])
            if lockedUntil and lockedUntil > now then
              return lockedUntil - now
            end
            if not start or now - start >= window then
              start = now
              count = 0
            end
            count = count + 1
            if count >= max then lockedUntil = now + lock else lockedUntil = 0 end
            redis.call('HSET', KEYS[1], 'start', start, 'count', count, 'locked_until', lockedUntil)
            redis.call('PEXPIRE', KEYS[1], math.max(window, lock))
            if lockedUntil > 0 then return -1 end
            return 0
            """;

    private record Connected(StatefulRedisConnection<byte[], byte[]> connection, ProxyManager<byte[]> buckets) {
    }

    private final RedisURI uri;
    private final String prefix;
    private final TimeMeter time;
    private ClientResources resources;
    private RedisClient client;
    private volatile CompletableFuture<Connected> connecting;

    RedisLimits(String url, String prefix, TimeMeter time) {
        try {
            this.uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            // the URL may hold a password: name the key, not the value
            throw new IllegalStateException("customer-registration.rate-limit.redis-url is not a valid Redis URL "
                    + "(redis://[:password@]host[:port][/database] or rediss://…)");
        }
        this.uri.setTimeout(TIMEOUT);
        this.prefix = prefix;
        this.time = time;
    }

    /** Where Redis is, for the log: host and port only, never the password. */
    String location() {
        return uri.getHost() + ":" + uri.getPort();
    }

    ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
        return onConnection(c -> c.buckets().builder().build(key(key), () -> config).tryConsumeAndReturnRemaining(1));
    }

    long admitLogin(String key, LoginLockout rules, long now) {
        Long lockedFor = onConnection(c -> c.connection().sync().eval(ADMIT_LOGIN, ScriptOutputType.INTEGER, new byte[][] {key(key)},
                number(now), number(rules.window().toMillis()), number(rules.maxFailures()), number(rules.lock().toMillis())));
        return lockedFor == null ? 0 : lockedFor;
    }

    void clearLogin(String key) {
        onConnection(c -> c.connection().sync().del(key(key)));
    }

    /**
     * Runs {@code call} on the connection. A command that times out drops the connection, and the next call
     * connects afresh: Lettuce reconnects only when the socket reports an error, and a silent peer (hung server,
     * dropped partition) reports none, so without this the limits would stay per instance for as long as the
     * stale socket lives (issue 23: up to ~15 min), with one request every few seconds paying the timeout.
     */
    private <T> T onConnection(java.util.function.Function<Connected, T> call) {
        Connected connected = connected();
        try {
            return call.apply(connected);
        } catch (RuntimeException e) {
            if (timedOut(e)) {
                drop(connected);
            }
            throw e;
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandTimeoutException || t instanceof TimeoutException
                    || t instanceof io.github.bucket4j.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private synchronized void drop(Connected stale) {
        CompletableFuture<Connected> attempt = connecting;
        if (attempt != null && attempt.isDone() && !attempt.isCompletedExceptionally() && attempt.join() == stale) {
            connecting = null;
            stale.connection().closeAsync();
        }
    }

    /** Starts connecting without waiting, so that the first request does not pay for setting up the client. */
    void connectSoon() {
        if (connecting == null) {
            connectAgain(null);
        }
    }

    /**
     * The connection, made on first use or by {@link #connectSoon}. Callers
     * wait for a connection attempt together, never one after the other; once made, the connection is Lettuce's
     * to keep alive. A failed attempt is repeated by the next call ({@link LimitCounters} paces those).
     */
    private Connected connected() {
        CompletableFuture<Connected> attempt = connecting;
        if (attempt == null || attempt.isCompletedExceptionally()) {
            attempt = connectAgain(attempt);
        }
        try {
            return attempt.get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RedisConnectionException("Unable to connect to " + location(), e.getCause());
        } catch (TimeoutException e) {
            throw new RedisConnectionException("Still connecting to " + location());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisConnectionException("Interrupted while connecting to " + location());
        }
    }

    private synchronized CompletableFuture<Connected> connectAgain(CompletableFuture<Connected> failed) {
        if (connecting != failed) {
            return connecting; // another caller started the next attempt already
        }
        if (client == null) {
            resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 2, TimeUnit.MILLISECONDS))
                    .build();
            client = RedisClient.create(resources, uri);
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT)
                            // an idle connection to a peer that went silent is found dead in ~25 s, not the kernel's 2 h
                            .keepAlive(SocketOptions.KeepAliveOptions.builder().enable().idle(Duration.ofSeconds(10))
                                    .interval(Duration.ofSeconds(5)).count(3).build())
                            .build())
                    .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                    .build());
        }
        connecting = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture()
                .thenApply(connection -> new Connected(connection, Bucket4jLettuce.casBasedBuilder(connection)
                        .clientClock(time)
                        .requestTimeout(TIMEOUT)
                        // a full bucket is the same as none: let Redis forget it shortly after it refills
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                        .build()));
        return connecting;
    }

    private byte[] key(String key) {
        return (prefix + key).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] number(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public synchronized void close() {
        CompletableFuture<Connected> attempt = connecting;
        if (attempt != null) {
            attempt.thenAccept(connected -> connected.connection().close());
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}

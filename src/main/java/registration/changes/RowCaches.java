package registration.changes;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import registration.config.DbTime;

/**
 * The in-memory caches behind token checks and {@code /me}, and the one way to keep them true: every store
 * method that writes a cached row calls {@link #changed} right after its statement, in its transaction.
 * <p>
 * Staleness: on the instance that wrote, none (evicted when the transaction ends). On the others, at most about
 * one poll interval while {@link ChangeLogPoller} reads the change log. While it cannot (database or table
 * unreachable: "deaf"), an entry is served only if it or the last successful poll is younger than
 * {@code max-staleness}; so a lost change is honoured within that bound, and a request answered entirely from
 * a fresh entry still succeeds while the database is away (SPEC 11). There is no per-entry expiry while the
 * poll works, which would cost hit rate for nothing.
 * <p>
 * Times here are {@link System#nanoTime()}: they measure elapsed time for a staleness bound, where a wall
 * clock (or the tests' settable {@link Clock}) could jump.
 */
@Component
public class RowCaches {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TokenCacheSettings settings;
    private final MeterRegistry meters;
    private final Map<CachedRows, RowCache<?>> caches = new EnumMap<>(CachedRows.class);
    private final long maxStalenessNanos;
    /** This instance in the change log: its own changes come back through the poll, evicted already. */
    private final String origin = UUID.randomUUID().toString();
    // The caches start empty, so at start-up there is nothing a missed change could have made stale.
    private volatile long lastPollNanos = System.nanoTime();

    RowCaches(JdbcClient jdbc, Clock clock, TokenCacheSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.meters = meters;
        this.maxStalenessNanos = settings.maxStaleness().toNanos();
    }

    /** The cache of {@code rows}, loading a missing row with {@code load} (empty: no such row, nothing kept). */
    public synchronized <V> RowCache<V> create(CachedRows rows, Function<String, Optional<V>> load) {
        if (caches.containsKey(rows)) {
            throw new IllegalStateException("A cache of " + rows + " exists already");
        }
        RowCache<V> cache;
        if (settings.enabled() && settings.maxEntries() > 0) {
            var caffeine = Caffeine.newBuilder().maximumSize(settings.maxEntries()).recordStats().<String, Object>build();
            CaffeineCacheMetrics.monitor(meters, caffeine, "customer_registration.token_cache." + rows.stored());
            cache = RowCache.of(caffeine, load, this);
        } else {
            cache = RowCache.of(null, load, this);
        }
        caches.put(rows, cache);
        return cache;
    }

    /**
     * Records that the row {@code id} of {@code rows} changed: a {@code cache_change} row in the caller's
     * transaction, which every other instance's poll reads, and an eviction here now and again when the
     * transaction ends (committed or not). The second one is what counts: between the first and the commit,
     * a concurrent request may load the old row again. Call it after the write statement; outside a
     * transaction the write is committed by then and the eviction at once is enough.
     */
    public void changed(CachedRows rows, String id) {
        jdbc.sql("INSERT INTO cache_change (cached, subject_id, origin, recorded_at) VALUES (:cached, :id, :origin, :now)")
                .param("cached", rows.stored()).param("id", id).param("origin", origin)
                .param("now", DbTime.of(clock.instant()))
                .update();
        evict(rows, id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(rows, id);
                }
            });
        }
    }

    void evict(CachedRows rows, String id) {
        RowCache<?> cache = rows == null ? null : caches.get(rows);
        if (cache != null) {
            cache.evict(id);
        }
    }

    void evictAll() {
        caches.values().forEach(RowCache::evictAll);
    }

    /** Whether an entry loaded at {@code loadedAtNanos} may still be served (see the class comment). */
    boolean fresh(long loadedAtNanos) {
        long now = System.nanoTime();
        return now - lastPollNanos <= maxStalenessNanos || now - loadedAtNanos <= maxStalenessNanos;
    }

    /** Every change committed before {@code startedNanos} has been evicted. */
    void polled(long startedNanos) {
        lastPollNanos = startedNanos;
    }

    String origin() {
        return origin;
    }

    long lastPollNanos() {
        return lastPollNanos;
    }

    Map<CachedRows, RowCache<?>> caches() {
        return caches;
    }
}

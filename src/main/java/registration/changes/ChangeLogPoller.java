package registration.changes;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One thread per instance that reads the rows other instances (and this one) added to {@code cache_change}
 * since the last poll, every {@code poll-interval}, and evicts those keys from {@link RowCaches}.
 * <p>
 * Ids come from an identity column, so they are handed out in order but committed in any order: a transaction
 * holding id 41 may commit after 42 was read. The watermark ({@code low}: every id up to it is handled)
 * therefore stays below the first missing id, and ids above it already handled are remembered; a missing id
 * is waited for {@code gap-timeout} (a rolled-back transaction leaves one for good) and then passed. So a
 * change reaches this instance one poll after it commits, unless its transaction held the row uncommitted for
 * longer than the gap timeout — which no request transaction does.
 * <p>
 * A failing poll makes the instance "deaf": one WARN, the health detail and metric say so, and
 * {@link RowCaches#fresh} bounds staleness by {@code max-staleness}; the next successful poll ends it (INFO).
 */
@Component
class ChangeLogPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogPoller.class);
    private static final int BATCH = 5000;
    /** At start-up, changes this far below the newest id are read once more: some may have committed late. */
    private static final long START_BEHIND = 1000;

    private final JdbcClient jdbc;
    private final RowCaches caches;
    private final TokenCacheSettings settings;
    private final Counter failures;
    private final TreeSet<Long> handledAbove = new TreeSet<>();
    private volatile long low; // written by the poll thread only
    private long gapSinceNanos = -1;
    private volatile boolean deaf;
    private volatile ScheduledExecutorService executor;

    ChangeLogPoller(JdbcClient jdbc, RowCaches caches, TokenCacheSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.caches = caches;
        this.settings = settings;
        this.failures = Counter.builder("customer_registration.token_cache.poll_failures")
                .description("Polls of the cache change log that failed").register(meters);
        Gauge.builder("customer_registration.token_cache.deaf", this, poller -> poller.deaf ? 1 : 0)
                .description("1 while this instance cannot read the cache change log").register(meters);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        try {
            low = Math.max(0, jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM cache_change").query(Long.class).single() - START_BEHIND);
        } catch (RuntimeException e) {
            low = 0; // read everything still kept once the table answers; evicting absent keys costs nothing
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "token-cache-poll");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.pollInterval().toNanos();
        executor.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** One poll; never throws (a scheduled task that throws is never run again). */
    void poll() {
        long started = System.nanoTime();
        try {
            List<Change> changes;
            do {
                changes = jdbc.sql("SELECT id, cached, subject_id, origin FROM cache_change WHERE id > :low ORDER BY id LIMIT :limit")
                        .param("low", low).param("limit", BATCH)
                        .query((rs, n) -> new Change(rs.getLong("id"), rs.getString("cached"), rs.getString("subject_id"),
                                rs.getString("origin")))
                        .list();
                for (Change change : changes) {
                    if (handledAbove.add(change.id()) && !caches.origin().equals(change.origin())) {
                        caches.evict(CachedRows.ofStored(change.cached()), change.subjectId());
                    }
                }
                advance();
            } while (changes.size() == BATCH);
            if (deaf) {
                // Rows written while this instance was deaf may be purged or skipped as gaps by now: start over.
                caches.evictAll();
            }
            caches.polled(started);
            if (deaf) {
                deaf = false;
                log.info("Token cache: the change log answers again; evictions from other instances flow again");
            }
        } catch (RuntimeException | Error e) {
            failures.increment();
            if (!deaf) {
                deaf = true;
                log.warn("Token cache is deaf: the change log cannot be read ({}); cached entries are served for at "
                        + "most {} without it, and polling goes on", e.getClass().getSimpleName(), settings.maxStaleness());
            }
        }
    }

    /** Moves {@code low} over handled ids, and past a missing one that has been missing for the gap timeout. */
    private void advance() {
        while (!handledAbove.isEmpty()) {
            if (handledAbove.first() == low + 1) {
                low = handledAbove.pollFirst();
                gapSinceNanos = -1;
                continue;
            }
            long now = System.nanoTime();
            if (gapSinceNanos < 0) {
                gapSinceNanos = now;
            } else if (now - gapSinceNanos > settings.gapTimeout().toNanos()) {
                low = handledAbove.first() - 1; // rolled back, or held open longer than any request: give up on it
                gapSinceNanos = -1;
                continue;
            }
            return;
        }
    }

    boolean deaf() {
        return deaf;
    }

    long watermark() {
        return low;
    }

    private record Change(long id, String cached, String subjectId, String origin) {
    }
}

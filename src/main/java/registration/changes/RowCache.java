package registration.changes;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Rows of one table by id, kept in memory between reads ({@link RowCaches#create}). A read outside a transaction
 * is answered from memory while the entry is fresh ({@link RowCaches#fresh}), else loaded and kept; a row that
 * does not exist is not kept (a new one needs no eviction). Reads inside a transaction always go to the
 * database: a use case must see the rows it locks and writes, and what it reads through its own uncommitted
 * writes must never reach other threads.
 * <p>
 * Why no stale row is ever re-cached: the load runs inside Caffeine's per-key compute, and an eviction of that
 * key waits for a running load and then removes its result. Evictions happen after the writing transaction
 * commits (locally) or after the change row was read (on other instances), so a load that read the old row
 * is either finished and removed, or still running and removed when it finishes; a load that starts after
 * the eviction reads the committed row.
 */
public final class RowCache<V> {

    private record Entry<V>(V value, long loadedAtNanos) {
    }

    private final Cache<String, Entry<V>> cache; // null when the cache is turned off
    private final Function<String, Optional<V>> load;
    private final RowCaches owner;

    RowCache(Cache<String, Entry<V>> cache, Function<String, Optional<V>> load, RowCaches owner) {
        this.cache = cache;
        this.load = load;
        this.owner = owner;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> RowCache<V> of(Cache<String, ?> cache, Function<String, Optional<V>> load, RowCaches owner) {
        return new RowCache<>((Cache) cache, load, owner);
    }

    /** The row with this id as committed (at most {@link RowCaches#fresh a staleness bound} ago), or empty. */
    public Optional<V> find(String id) {
        if (cache == null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return load.apply(id);
        }
        Entry<V> entry = cache.getIfPresent(id);
        if (entry != null && owner.fresh(entry.loadedAtNanos())) {
            return Optional.of(entry.value());
        }
        if (entry != null) {
            cache.asMap().remove(id, entry); // too old while the change log is unread: read it again
        }
        Entry<V> loaded = cache.get(id, key -> {
            long started = System.nanoTime(); // the row is as of the load's start, not its end
            return load.apply(key).map(value -> new Entry<>(value, started)).orElse(null);
        });
        return loaded == null ? Optional.empty() : Optional.of(loaded.value());
    }

    void evict(String id) {
        if (cache != null) {
            cache.invalidate(id);
        }
    }

    void evictAll() {
        if (cache != null) {
            cache.invalidateAll();
        }
    }

    long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    Cache<String, ?> caffeine() {
        return cache;
    }
}

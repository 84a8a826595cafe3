package registration.changes;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health detail {@code tokenCache}: whether this instance hears other instances' changes ({@code deaf}), how long
 * ago it last did, and the caches' sizes and hit rates. A deaf instance stays UP: it still answers correctly,
 * with staleness bounded by {@code max-staleness} instead of the poll interval, and readiness must not
 * take an instance out for it.
 */
@Component("tokenCache")
class TokenCacheHealth implements HealthIndicator {

    private final RowCaches caches;
    private final ChangeLogPoller poller;

    TokenCacheHealth(RowCaches caches, ChangeLogPoller poller) {
        this.caches = caches;
        this.poller = poller;
    }

    @Override
    public Health health() {
        Map<String, Object> sizes = new LinkedHashMap<>();
        caches.caches().forEach((rows, cache) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("entries", cache.size());
            if (cache.caffeine() != null) {
                detail.put("hit_rate", Math.round(cache.caffeine().stats().hitRate() * 1000) / 1000.0);
            }
            sizes.put(rows.stored(), detail);
        });
        return Health.up()
                .withDetail("deaf", poller.deaf())
                .withDetail("last_poll_ms_ago", (System.nanoTime() - caches.lastPollNanos()) / 1_000_000)
                .withDetail("watermark", poller.watermark())
                .withDetail("caches", sizes)
                .build();
    }
}

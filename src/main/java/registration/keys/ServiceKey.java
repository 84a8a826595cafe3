package registration.keys;

import java.util.Arrays;

/**
 * A key for one purpose and the id of the master it was derived from; {@code id} is null for the legacy key (rows
 * written before the upgrade record no key id). Its bytes never appear in {@link #toString}.
 */
public record ServiceKey(String id, byte[] bytes) {

    public ServiceKey {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean legacy() {
        return id == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceKey other && java.util.Objects.equals(id, other.id) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(id) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ServiceKey[id=" + (id == null ? "legacy" : id) + ", bytes=<hidden>]";
    }
}

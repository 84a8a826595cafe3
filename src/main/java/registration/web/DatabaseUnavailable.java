package registration.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure to reach the database from a bug (SPEC §11 "Errors": {@code 503 service_unavailable}, code
 * {@code database_unavailable}, with Retry-After). It looks through the causes, since the same outage arrives
 * as Spring's translation ({@code CannotGetJdbcConnectionException}, a query timeout, a transaction that could
 * not begin) or, from code that wraps it, as the driver's or the pool's own exception: no connection within
 * the pool's connection-timeout, a socket that broke or timed out (SQLState class {@code 08}).
 */
public final class DatabaseUnavailable {

    /** Long enough for a cut connection or a restarting database to come back; short enough to lose no customer. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DatabaseUnavailable() {
    }

    /** The 503 a request gets while the database cannot be reached. */
    public static ApiException error() {
        return new ApiException(ErrorType.SERVICE_UNAVAILABLE, "The service is briefly unavailable; please retry",
                "database_unavailable", RETRY_AFTER);
    }

    /** Whether {@code failure} (or one of its causes) says the database could not be reached or did not answer in time. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The exception classes along the cause chain, for the log: never their messages, which may quote SQL or values. */
    static String describe(Throwable failure) {
        StringBuilder classes = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            classes.append(classes.isEmpty() ? "" : " <- ").append(t.getClass().getSimpleName());
        }
        return classes.toString();
    }
}

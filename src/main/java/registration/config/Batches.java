package registration.config;

import java.util.function.IntUnaryOperator;

/** Work on many rows done as a series of bounded statements, so that none holds its locks for long. */
public final class Batches {

    private Batches() {
    }

    /**
     * Runs {@code statement} with the batch size until it affects fewer rows than that (a {@code DELETE … LIMIT},
     * say); returns the rows affected in all.
     */
    public static int untilShort(int size, IntUnaryOperator statement) {
        int total = 0;
        int affected;
        do {
            affected = statement.applyAsInt(size);
            total += affected;
        } while (affected == size);
        return total;
    }
}

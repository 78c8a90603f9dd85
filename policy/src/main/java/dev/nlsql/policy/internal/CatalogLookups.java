package dev.nlsql.policy.internal;

import dev.nlsql.policy.ScratchCatalog;
import java.util.Arrays;

/**
 * The scratch catalog as one check sees it: every {@link ScratchCatalog#contains} question the
 * check asks is answered by the catalog and remembered, so that the verdict can later be reused
 * exactly while the same questions get the same answers ({@link Dependency#holds}). A check is
 * deterministic given its statement text, the policy configuration and these answers, so this is
 * the whole of what a verdict depends on beyond its cache key. One instance per check; not
 * thread-safe.
 */
public final class CatalogLookups {

    private final ScratchCatalog catalog;
    private String[] names = new String[2];
    private boolean[] answers = new boolean[2];
    private int size;

    public CatalogLookups(ScratchCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Whether the scratch schema holds a table or view of this name (unquoted, unqualified), as
     * the catalog answers it now; the question and answer are recorded.
     */
    public boolean contains(String objectName) {
        boolean answer = catalog.contains(objectName);
        for (int i = 0; i < size; i++) {
            if (names[i].equals(objectName)) {
                return answer;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            answers = Arrays.copyOf(answers, size * 2);
        }
        names[size] = objectName;
        answers[size] = answer;
        size++;
        return answer;
    }

    /** What was asked so far, or {@link Dependency#NONE} when the catalog was not consulted. */
    public Dependency dependency() {
        return size == 0 ? Dependency.NONE
                : new Dependency(Arrays.copyOf(names, size), Arrays.copyOf(answers, size));
    }

    /**
     * The catalog questions a verdict depended on, with their answers at the time.
     *
     * @param names object names asked about (as written, unquoted)
     * @param answers whether each existed in scratch
     */
    public record Dependency(String[] names, boolean[] answers) {

        /** A verdict that did not consult the catalog. */
        public static final Dependency NONE = new Dependency(new String[0], new boolean[0]);

        /** True when {@code catalog} answers every recorded question as it was answered then. */
        public boolean holds(ScratchCatalog catalog) {
            for (int i = 0; i < names.length; i++) {
                if (catalog.contains(names[i]) != answers[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the verdict consulted the catalog at all. */
        public boolean usedCatalog() {
            return names.length > 0;
        }
    }
}

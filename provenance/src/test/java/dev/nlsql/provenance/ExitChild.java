package dev.nlsql.provenance;

import java.util.Properties;

/**
 * Child process of {@link KillTest}: appends records asynchronously faster than the writer
 * drains them, then calls {@code System.exit(0)} without closing the store, so the records still
 * queued are written by the shutdown hook. Arguments: store URL, record count. Prints
 * {@code APPENDED n} before exiting.
 */
public final class ExitChild {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[1]);
        Properties p = new Properties();
        p.setProperty(StoreOptions.URL, args[0]);
        p.setProperty(StoreOptions.QUEUE, String.valueOf(n));
        ProvenanceStore store = ProvenanceStores.open(p);
        for (int i = 0; i < n; i++) {
            store.append(StoreTest.sample(i).toBuilder().id(null).user("exit").build());
        }
        System.out.println("APPENDED " + n);
        System.out.flush();
        System.exit(0);
    }
}

package dev.nlsql.provenance;

import java.util.Properties;

/**
 * Child process of {@link KillTest}: appends records in sync mode from 4 threads and prints
 * {@code ACK <id>} once each append has returned, until it is killed.
 * Arguments: store URL.
 */
public final class KillChild {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty(StoreOptions.URL, args[0]);
        p.setProperty(StoreOptions.SYNC, "true");
        ProvenanceStore store = ProvenanceStores.open(p);
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        ProvenanceRecord r = StoreTest.sample(i).toBuilder().id(null).user("kill").build();
                        store.append(r);
                        synchronized (System.out) {
                            System.out.println("ACK " + r.id());
                            System.out.flush();
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            th.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}

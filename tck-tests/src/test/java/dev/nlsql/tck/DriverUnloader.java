package dev.nlsql.tck;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an application server does on undeploy (Tomcat's {@code JdbcLeakPrevention}): deregisters
 * the JDBC drivers that its own class loader registered. Meant to be loaded by the driver's class
 * loader ({@code loader.loadClass(DriverUnloader.class.getName())}, then {@link #deregisterOwn}
 * by reflection): {@link DriverManager#deregisterDriver} and {@link DriverManager#getDrivers}
 * look at the caller's class loader, and only a caller that sees the driver's class (loaded
 * by the same loader) may deregister it; from the test's own class loader the call throws
 * {@link SecurityException}.
 */
public final class DriverUnloader {

    private DriverUnloader() {}

    /**
     * Deregisters every driver registered with {@link DriverManager} whose class was loaded by
     * this class's loader (which runs each driver's {@link java.sql.DriverAction}).
     *
     * @return the class names of the drivers deregistered, in registration order
     * @throws SQLException as {@link DriverManager#deregisterDriver} throws it
     */
    public static List<String> deregisterOwn() throws SQLException {
        ClassLoader own = DriverUnloader.class.getClassLoader();
        List<String> names = new ArrayList<>();
        // getDrivers() initializes this loader's copy of every driver registered anywhere
        // (DriverManager.isDriverAllowed), and those register themselves behind the returned
        // snapshot: ask again until none of ours is left (Tomcat's JdbcLeakPrevention asks twice)
        for (int round = 0; round < 5; round++) {
            boolean any = false;
            for (Driver d : Collections.list(DriverManager.getDrivers())) {
                if (d.getClass().getClassLoader() == own) {
                    DriverManager.deregisterDriver(d);
                    names.add(d.getClass().getName());
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return names;
    }
}

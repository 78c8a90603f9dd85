package dev.nlsql.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared data folder: {@code nlsql.shared} (the folder itself or its parent), else {@code /work/shared/data}. */
public final class SharedData {
    private SharedData() {}

    /** The shared data folder (holding {@code spider/}, {@code databases/}). */
    public static Path dir() {
        String prop = System.getProperty("nlsql.shared");
        if (prop != null) {
            Path p = Path.of(prop);
            if (Files.isDirectory(p.resolve("spider"))) {
                return p;
            }
            if (Files.isDirectory(p.resolve("data").resolve("spider"))) {
                return p.resolve("data");
            }
        }
        return Path.of("/work/shared/data");
    }

    /** The Spider folder. */
    public static Path spider() {
        return dir().resolve("spider");
    }
}

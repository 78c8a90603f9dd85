package dev.nlsql.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaSnapshotterTest {
    @TempDir
    Path tmp;

    @Test
    void chinookSqliteSnapshotIsCompleteAndByteIdentical() throws Exception {
        Path db = TestDbs.chinookCopy(tmp);
        SchemaSnapshot a;
        SchemaSnapshot b;
        try (Connection c = TestDbs.sqlite(db)) {
            a = SchemaSnapshotter.snapshot(c, SchemaScope.all());
        }
        try (Connection c = TestDbs.sqlite(db)) {
            b = SchemaSnapshotter.snapshot(c, SchemaScope.all());
        }
        assertEquals(a.canonicalJson(), b.canonicalJson());
        assertEquals(a.sha256(), b.sha256());
        assertEquals(Hashes.sha256Hex(a.canonicalJson()), a.sha256());
        List<String> names = a.tables().stream().map(SchemaSnapshot.Table::name).toList();
        assertEquals(List.of("Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "InvoiceLine", "MediaType",
                "Playlist", "PlaylistTrack", "Track"), names);
        SchemaSnapshot.Table track = a.tables().get(10);
        assertEquals("TABLE", track.type());
        assertEquals("TrackId", track.columns().get(0).name());
        assertEquals(9, track.columns().size());
        assertEquals(List.of("TrackId"), track.primaryKey());
        assertEquals(3, track.foreignKeys().size(), track.foreignKeys().toString());
        assertTrue(track.foreignKeys().stream().anyMatch(f -> f.refTable().equals("Album")
                && f.columns().equals(List.of("AlbumId")) && f.refColumns().equals(List.of("AlbumId"))));
        assertTrue(track.indexes().stream().anyMatch(i -> i.columns().equals(List.of("AlbumId"))), track.indexes().toString());
        SchemaSnapshot.Table plt = a.tables().get(9);
        assertEquals(List.of("PlaylistId", "TrackId"), plt.primaryKey());
        assertTrue(!track.columns().get(1).nullable() && track.columns().get(2).nullable());
    }

    @Test
    void schemaChangeChangesHashAndCachedSnapshotRefreshesCheaply() throws Exception {
        Path db = TestDbs.chinookCopy(tmp);
        try (Connection c = TestDbs.sqlite(db)) {
            CachedSchemaSnapshot cache = new CachedSchemaSnapshot(c, SchemaScope.all());
            SchemaSnapshot before = cache.get();
            assertSame(before, cache.refresh(), "unchanged schema: same snapshot object, not re-read");
            try (Statement st = c.createStatement()) {
                st.execute("CREATE INDEX ix_track_name ON Track(Name)");
            }
            SchemaSnapshot after = cache.refresh();
            assertNotEquals(before.sha256(), after.sha256());
            assertTrue(after.canonicalJson().contains("ix_track_name"));
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE Track SET Name = 'x' WHERE TrackId = 1");
            }
            assertSame(after, cache.refresh(), "data change is no schema change");
        }
    }

    @Test
    void scratchSchemaIsSnapshottedSeparately() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:scratch" + System.nanoTime())) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
                st.execute("CREATE SCHEMA nlsql_scratch");
            }
            SchemaScope source = SchemaScope.source("NLSQL_SCRATCH");
            SchemaSnapshot s1 = SchemaSnapshotter.snapshot(c, source);
            String f1 = SchemaSnapshotter.fingerprint(c, source);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE nlsql_scratch.tmp (x INT)");
            }
            assertEquals(s1.sha256(), SchemaSnapshotter.snapshot(c, source).sha256());
            assertEquals(f1, SchemaSnapshotter.fingerprint(c, source));
            SchemaSnapshot scratch = SchemaSnapshotter.snapshot(c, SchemaScope.only("NLSQL_SCRATCH"));
            assertEquals(1, scratch.tables().size());
            assertEquals("TMP", scratch.tables().get(0).name());
            assertEquals(List.of("PUBLIC"), s1.tables().stream().map(SchemaSnapshot.Table::schema).distinct().toList());
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE t ADD COLUMN w INT");
            }
            assertNotEquals(f1, SchemaSnapshotter.fingerprint(c, source));
        }
    }

    @Test
    void sameDdlGivesSameHashOnH2DuckDbAndAcrossConnections() throws Exception {
        String ddl1 = "CREATE TABLE a (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)";
        String ddl2 = "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id), x DOUBLE)";
        for (String url : new String[] {"jdbc:h2:mem:", "jdbc:duckdb:"}) {
            String h1;
            String h2;
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute(ddl1);
                st.execute(ddl2);
                h1 = SchemaSnapshotter.snapshot(c, SchemaScope.all()).sha256();
                SchemaSnapshot s = SchemaSnapshotter.snapshot(c, SchemaScope.all());
                assertEquals(2, s.tables().size(), url + " " + s.canonicalJson());
                SchemaSnapshot.Table b = s.tables().get(1);
                assertEquals(1, b.foreignKeys().size(), url + " " + s.canonicalJson());
                assertEquals(List.of("id"), b.primaryKey().stream().map(String::toLowerCase).toList());
            }
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute(ddl1);
                st.execute(ddl2);
                h2 = SchemaSnapshotter.snapshot(c, SchemaScope.all()).sha256();
            }
            assertEquals(h1, h2, url);
        }
    }

    @Test
    void postgresSnapshotOfCopiedChinookTable() throws Exception {
        try (Connection pg = TestDbs.pg("nlsql"); Connection sq = TestDbs.sqlite(TestDbs.chinook())) {
            String schema = TestDbs.pgSchema(pg);
            try {
                TestDbs.copyTrack(sq, pg);
                try (Statement st = pg.createStatement()) {
                    st.execute("CREATE VIEW long_tracks AS SELECT trackid, name FROM track WHERE milliseconds > 600000");
                    st.execute("CREATE INDEX track_album ON track(albumid)");
                }
                SchemaSnapshot s = SchemaSnapshotter.snapshot(pg, SchemaScope.only(schema));
                assertEquals(List.of("long_tracks", "track"), s.tables().stream().map(SchemaSnapshot.Table::name).toList());
                assertEquals("VIEW", s.tables().get(0).type());
                SchemaSnapshot.Table t = s.tables().get(1);
                assertEquals(List.of("trackid"), t.primaryKey());
                assertTrue(t.indexes().stream().anyMatch(i -> i.name().equals("track_album")));
                assertEquals(s.sha256(), SchemaSnapshotter.snapshot(pg, SchemaScope.only(schema)).sha256());
            } finally {
                TestDbs.dropPgSchema(pg, schema);
            }
        }
    }
}

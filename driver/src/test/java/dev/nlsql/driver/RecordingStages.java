package dev.nlsql.driver;

import dev.nlsql.driver.backend.Backend;
import dev.nlsql.driver.backend.BackendSession;
import dev.nlsql.driver.pipeline.AskQuestionStage;
import dev.nlsql.driver.pipeline.PipelineStages;
import dev.nlsql.driver.pipeline.QuestionStage;
import dev.nlsql.policy.PolicyDecision;
import dev.nlsql.policy.PolicyException;
import dev.nlsql.policy.StatementKind;
import dev.nlsql.policy.StatementPolicy;
import dev.nlsql.provenance.ProvenanceRecord;
import dev.nlsql.provenance.ProvenanceStore;
import dev.nlsql.provenance.ResultDigest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Test-scope stages ({@code nlsql.stages=dev.nlsql.driver.RecordingStages}): a policy that
 * logs every statement it polices, refuses statements containing {@code FORBIDDEN} (42501) and
 * marks statements naming the scratch schema as scratch writes; an in-memory store; a small
 * SHA-256 digest. State is static: tests using it reset it first.
 */
public class RecordingStages implements PipelineStages {

    public static final List<String> POLICED = new CopyOnWriteArrayList<>();
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    public static final List<ProvenanceRecord> RECORDS = new CopyOnWriteArrayList<>();
    /** The scratch objects handed to the last policy built. */
    public static volatile dev.nlsql.driver.pipeline.ScratchObjects SCRATCH;

    public static void reset() {
        POLICED.clear();
        CALLS.clear();
        RECORDS.clear();
    }

    @Override
    public QuestionStage questionStage(NlsqlConfig config) {
        return new AskQuestionStage();
    }

    @Override
    public StatementPolicy policy(Backend backend, BackendSession session, dev.nlsql.driver.pipeline.ScratchObjects scratchObjects,
            NlsqlConfig config) {
        SCRATCH = scratchObjects;
        String scratch = session.scratchSchema() == null ? null : session.scratchSchema().toLowerCase(Locale.ROOT) + ".";
        return new StatementPolicy() {
            @Override
            public PolicyDecision check(String sql) throws PolicyException {
                POLICED.add(sql);
                if (sql.contains("FORBIDDEN")) {
                    throw new PolicyException("refused by the test policy: FORBIDDEN", "42501", "test.forbidden");
                }
                String l = sql.toLowerCase(Locale.ROOT).trim();
                boolean write = !(l.startsWith("select") || l.startsWith("with") || l.startsWith("values"));
                boolean touches = scratch != null && l.contains(scratch);
                return new PolicyDecision(write && touches ? StatementKind.SCRATCH_WRITE : write ? StatementKind.OTHER : StatementKind.QUERY,
                        sql, "test", touches);
            }

            @Override
            public PolicyDecision checkCall(String sql) {
                CALLS.add(sql);
                return new PolicyDecision(StatementKind.OTHER, sql, "test.call", false);
            }
        };
    }

    @Override
    public ProvenanceStore provenanceStore(NlsqlConfig config) {
        return new ProvenanceStore() {
            @Override
            public void append(ProvenanceRecord record) {
                RECORDS.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public Optional<ProvenanceRecord> find(String id) {
                return RECORDS.stream().filter(r -> r.id().equals(id)).findFirst();
            }

            @Override
            public List<ProvenanceRecord> list(Instant since, int limit) {
                return RECORDS.stream().limit(limit).toList();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Supplier<ResultDigest> resultDigests(NlsqlConfig config) {
        return Sha256Digest::new;
    }

    /** Ordered: SHA-256 over "v1|v2|...\n" per row; unordered: the sorted row hashes, hashed. */
    static final class Sha256Digest implements ResultDigest {
        private final MessageDigest ordered = sha();
        private final List<String> rowHashes = new ArrayList<>();
        private final StringBuilder row = new StringBuilder();
        private long rows;

        private static MessageDigest sha() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void beginRow() {
            row.setLength(0);
        }

        @Override
        public void add(Object value) {
            row.append(value).append('|');
        }

        @Override
        public void endRow() {
            byte[] b = (row + "\n").getBytes(StandardCharsets.UTF_8);
            ordered.update(b);
            rowHashes.add(HexFormat.of().formatHex(sha().digest(b)));
            rows++;
        }

        @Override
        public long rowCount() {
            return rows;
        }

        @Override
        public String orderedHex() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) ordered.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String unorderedHex() {
            List<String> s = new ArrayList<>(rowHashes);
            Collections.sort(s);
            return HexFormat.of().formatHex(sha().digest(String.join(",", s).getBytes(StandardCharsets.UTF_8)));
        }
    }
}

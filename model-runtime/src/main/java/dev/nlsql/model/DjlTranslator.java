package dev.nlsql.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.nlsql.model.decode.BeamSearch;
import dev.nlsql.model.decode.DecodeConstraints;
import dev.nlsql.model.nn.Encoded;
import dev.nlsql.model.nn.EngineBootstrap;
import dev.nlsql.model.nn.Featurizer;
import dev.nlsql.model.nn.PointerTransformer;
import dev.nlsql.model.nn.Words;
import dev.nlsql.model.sql.CanonicalGrammar;
import dev.nlsql.model.sql.SqlRenderer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The project's own NL→SQL model behind the {@link Translator} interface: a small pointer
 * transformer (DJL, PyTorch engine) with grammar- and schema-constrained beam search. Every
 * candidate it returns parses under the canonical grammar, names only tables and columns of the
 * request's schema, and uses every placeholder of the request and no other. When the first beam
 * search finds no valid statement, a second one with a beam of {@value #RETRY_BEAM} runs. The
 * finished candidates are then ordered by {@link CandidateRanker} (value consistency with the
 * request's {@link TranslationRequest#valueColumns()}, then schema-linking coverage among
 * candidates within {@value CandidateRanker#COVERAGE_WINDOW} nats of the best log-probability;
 * {@code rerank=}{@value CandidateRanker#VERSION} in the decode settings).
 *
 * <p>Weights load from the class path ({@value #RESOURCE}) or a file; their SHA-256 is the model
 * identity. Runs on the first GPU when the engine sees one (the CUDA native artefact on the class
 * path, see the module README), else on the CPU. Thread count: system property
 * {@code nlsql.model.threads} (read once, before the engine starts). Thread-safe: each call uses
 * its own arrays.
 */
public final class DjlTranslator implements Translator {

    /** Class-path location of the shipped weights. */
    public static final String RESOURCE = "/dev/nlsql/model/nlsql-pointer-v1.bin";
    /** Model name recorded in provenance. */
    public static final String NAME = "nlsql-pointer-v1";

    /** Longest statement decoded, in canonical tokens (Spider's longest train queries need about 60). */
    public static final int MAX_TOKENS = 60;
    /** Beam width of the second attempt when the first finds no valid statement. */
    public static final int RETRY_BEAM = 8;

    private final NDManager manager;
    private final PointerTransformer model;
    private final Featurizer featurizer;
    private final int beam;
    private final ModelIdentity identity;

    private DjlTranslator(byte[] weights, int beam) throws TranslationException {
        EngineBootstrap.ensure();
        this.beam = beam;
        try {
            Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            this.manager = NDManager.newBaseManager(device);
            this.model = PointerTransformer.load(new ByteArrayInputStream(weights), manager);
        } catch (IOException | RuntimeException e) {
            throw new TranslationException("cannot load the model weights: " + e.getMessage(), e);
        }
        this.featurizer = new Featurizer(model.config());
        this.identity = new ModelIdentity(NAME, sha256(weights),
                "beam=" + beam + ",maxLen=" + MAX_TOKENS + ",retryBeam=" + RETRY_BEAM + ",constrained=true,constraints="
                        + DecodeConstraints.VERSION + ",rerank=" + CandidateRanker.VERSION);
    }

    /**
     * Loads the shipped weights from the class path.
     *
     * @param beam beam width (1 = constrained greedy)
     * @throws TranslationException (SQLState HY000 for callers) when the weights are missing or broken
     */
    public static DjlTranslator fromClasspath(int beam) throws TranslationException {
        try (InputStream in = DjlTranslator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new TranslationException("model weights not on the class path: " + RESOURCE);
            }
            return new DjlTranslator(in.readAllBytes(), beam);
        } catch (IOException e) {
            throw new TranslationException("cannot read model weights " + RESOURCE, e);
        }
    }

    /** Loads weights from a file written by the trainer ({@code model.bin}). */
    public static DjlTranslator fromFile(Path weights, int beam) throws TranslationException {
        try {
            return new DjlTranslator(Files.readAllBytes(weights), beam);
        } catch (IOException e) {
            throw new TranslationException("cannot read model weights " + weights, e);
        }
    }

    /** Arrays held by the translator's manager (the weights; constant unless a translation leaks). */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** Number of model parameters. */
    public long parameterCount() {
        return model.parameterCount();
    }

    /**
     * Translates one question. The question's placeholders must be those of the request; any
     * placeholder of the map missing from the text is appended to it so the model can use it.
     *
     * @return valid candidates, best first (the beam's order after {@link CandidateRanker}), at most
     *     {@code maxCandidates}; empty when constrained decoding finds none
     * @throws TranslationException when the engine fails
     */
    @Override
    public List<Candidate> translate(TranslationRequest request) throws TranslationException {
        String question = request.question();
        Set<String> inText = new LinkedHashSet<>();
        Matcher m = Words.PLACEHOLDER.matcher(question);
        while (m.find()) {
            inText.add(m.group());
        }
        Set<String> required = new LinkedHashSet<>(request.placeholders().keySet());
        StringBuilder q = new StringBuilder(question);
        for (String p : required) {
            if (!inText.contains(p)) {
                q.append(' ').append(p);
            }
        }
        Encoded enc = featurizer.encode(request.schema(), q.toString(), Set.of());
        if (enc == null) {
            return List.of();
        }
        Set<String> mustUse = new LinkedHashSet<>(required);
        mustUse.addAll(inText);
        try (NDManager local = manager.newSubManager()) {
            BeamSearch search = new BeamSearch(model, Math.max(beam, request.maxCandidates()), MAX_TOKENS);
            CanonicalGrammar.Constraints constraints = DecodeConstraints.of(request.schema());
            List<BeamSearch.Hypothesis> hyps = search.search(local, enc, mustUse, request.maxCandidates(), constraints);
            if (hyps.isEmpty() && beam < RETRY_BEAM) {
                hyps = new BeamSearch(model, RETRY_BEAM, MAX_TOKENS).search(local, enc, mustUse, request.maxCandidates(),
                        constraints);
            }
            List<Candidate> out = new ArrayList<>();
            for (BeamSearch.Hypothesis h : hyps) {
                if (out.size() >= request.maxCandidates()) {
                    break;
                }
                out.add(new Candidate(SqlRenderer.render(h.tokens(), request.schema()), h.score()));
            }
            return CandidateRanker.rank(out, Candidate::sql, Candidate::score, request.valueColumns(), question,
                    CandidateRanker.COVERAGE_WINDOW);
        } catch (RuntimeException e) {
            throw new TranslationException("model inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ModelIdentity identity() {
        return identity;
    }

    @Override
    public void close() {
        manager.close();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

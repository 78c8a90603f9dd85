package dev.nlsql.cli.model;

import dev.nlsql.model.Translator;
import dev.nlsql.model.http.TranslatorServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model serve}: serves the local model (or relays a remote one) over the
 * OpenAI-compatible API of {@link TranslatorServer} until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the model over an OpenAI-compatible API (POST /v1/completions, /v1/chat/completions; "
                + "GET /v1/models, /health). Loopback only unless --host says otherwise.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String host;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})", defaultValue = "8000")
    int port;

    @Option(names = "--threads", description = "request threads (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int threads;

    @Option(names = "--api-key-env", description = "environment variable holding the bearer token clients must send "
            + "(default: ${DEFAULT-VALUE}; unset variable: no token required)", defaultValue = "NLSQL_SERVE_API_KEY")
    String apiKeyEnv;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Translator translator = model.open();
        CountDownLatch stop = new CountDownLatch(1);
        try (translator;
                TranslatorServer server = TranslatorServer.start(translator,
                        new InetSocketAddress(InetAddress.getByName(host), port), System.getenv(apiKeyEnv), threads)) {
            Thread hook = new Thread(stop::countDown, "nlsql-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("serving " + translator.identity().shortForm() + " at " + server.baseUrl());
            out.flush();
            try {
                stop.await(); // until the JVM shuts down (Ctrl-C) or this thread is interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook already ran
            }
            out.println("served " + server.served() + " requests");
            out.flush();
        }
        return 0;
    }
}

package gov.disclosure.search;

import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.PluginBundle;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-node Elasticsearch in this JVM, for local development and tests.
 *
 * <p>Everything comes from Maven Central: the server jar is on the classpath and the HTTP layer
 * (transport-netty4) is loaded as an Elasticsearch module bundle from {@code modules/transport-netty4}
 * next to this class's jar (see pom.xml). Only server-core analysis is available (standard
 * tokenizer, lowercase / stop / shingle filters, ...); analysis-common, painless and rest-root are
 * not published to Maven Central; a small handler stands in for rest-root so that
 * {@code GET /} (used by clients' {@code info()} / {@code ping()}) works.
 *
 * <p>Usage:
 * <pre>
 *   java -cp "local-elasticsearch.jar:lib/*" gov.disclosure.search.LocalElasticsearch \
 *       --port 9201 --home /path/to/home --data /path/to/data [-E key=value ...]
 * </pre>
 * The node binds to 127.0.0.1 only. It writes only below --home and --data (pass
 * {@code -Djava.io.tmpdir=<home>/tmp} to keep JVM temp files there too). SIGTERM / SIGINT
 * close the node cleanly before the JVM exits.
 */
public final class LocalElasticsearch {

    public static void main(String[] args) throws Exception {
        String port = "9201";
        Path home = null;
        Path data = null;
        Path modules = null;
        Settings.Builder extra = Settings.builder();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = require(args[i], value);
                case "--home" -> home = Path.of(require(args[i], value));
                case "--data" -> data = Path.of(require(args[i], value));
                case "--modules" -> modules = Path.of(require(args[i], value));
                case "-E" -> {
                    String kv = require(args[i], value);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("-E expects key=value, got: " + kv);
                    extra.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            i++;
        }
        if (home == null || data == null) {
            throw new IllegalArgumentException("usage: LocalElasticsearch --port N --home DIR --data DIR [--modules DIR] [-E k=v]...");
        }
        home = home.toAbsolutePath();
        data = data.toAbsolutePath();
        if (modules == null) modules = defaultModulesDir();
        Files.createDirectories(home);
        Files.createDirectories(data);

        Settings settings = Settings.builder()
            .put("node.name", "local")
            .put("cluster.name", "local-search")
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("discovery.type", "single-node")
            // A dev box with a nearly full disk must not flip indices to read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("logger.level", "INFO")
            .put(extra.build())
            .build();

        // No log4j2.properties: log INFO and above to stdout (the launcher redirects it to a file).
        LogConfigurator.configureWithoutConfig(settings);

        // Load transport-netty4 (and the Netty jars, in their own class loader) as an ES module.
        Set<PluginBundle> moduleBundles = PluginsLoader.loadModulesBundles(modules);
        PluginsLoader pluginsLoader = PluginsLoader.createPluginsLoader(moduleBundles, Set.of(), Map.of(), false);

        long started = System.nanoTime();
        Node node = new Node(new Environment(settings, null), pluginsLoader);
        registerRootInfoHandler(node);

        // Close the node on SIGTERM/SIGINT; main() waits for that before returning.
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                    System.err.println("local elasticsearch: node did not close within 30s");
                }
                System.out.println("local elasticsearch: node closed");
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "local-es-shutdown"));

        try {
            node.start();
        } catch (Exception e) {
            // e.g. BindHttpException when the port is taken: report and exit non-zero (the hook closes the node).
            e.printStackTrace();
            System.exit(1);
        }
        System.out.printf("local elasticsearch: started on http://127.0.0.1:%s in %d ms%n",
            port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        closed.await();
    }

    /**
     * Serves {@code GET /} and {@code HEAD /} with the same body as Elasticsearch's rest-root module
     * (not on Maven Central), because clients call it for {@code info()} / {@code ping()}.
     * Registered straight on the node's RestController, before the HTTP server starts.
     */
    private static void registerRootInfoHandler(Node node) {
        ClusterService clusterService = node.injector().getInstance(ClusterService.class);
        RestController restController = node.injector().getInstance(RestController.class);
        restController.registerHandler(new BaseRestHandler() {
            @Override
            public String getName() {
                return "local_root_info";
            }

            @Override
            public List<Route> routes() {
                return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
            }

            @Override
            protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
                return channel -> {
                    ClusterState state = clusterService.state();
                    Build build = Build.current();
                    XContentBuilder body = channel.newBuilder();
                    body.startObject()
                        .field("name", clusterService.localNode().getName())
                        .field("cluster_name", state.getClusterName().value())
                        .field("cluster_uuid", state.metadata().clusterUUID())
                        .startObject("version")
                        .field("number", build.qualifiedVersion())
                        .field("build_flavor", build.flavor())
                        .field("build_type", build.type().displayName())
                        .field("build_hash", build.hash())
                        .field("build_date", build.date())
                        .field("build_snapshot", build.isSnapshot())
                        .field("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                        .field("minimum_wire_compatibility_version", build.minWireCompatVersion())
                        .field("minimum_index_compatibility_version", build.minIndexCompatVersion())
                        .endObject()
                        .field("tagline", "You Know, for Search")
                        .endObject();
                    channel.sendResponse(new RestResponse(RestStatus.OK, body));
                };
            }
        });
    }

    private static String require(String flag, String value) {
        if (value == null) throw new IllegalArgumentException(flag + " needs a value");
        return value;
    }

    /** {@code <dir of this jar>/modules}, i.e. search/engine/target/modules after {@code mvn package}. */
    private static Path defaultModulesDir() throws Exception {
        Path jar = Path.of(LocalElasticsearch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().resolve("modules");
    }
}

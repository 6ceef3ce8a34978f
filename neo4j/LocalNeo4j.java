import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Runs Neo4j Community in-process with only the Bolt connector, for the project's own use.
 *
 * <p>Started by src/database/local-neo4j.ts, which reads the protocol below from stdout/stderr:
 * <ul>
 *   <li>{@code READY <port> <version>} on stdout once Bolt accepts connections;</li>
 *   <li>{@code FATAL <code> <message>} on stderr, then exit status 2, when it cannot start
 *       (codes: STORE_LOCKED, PORT_IN_USE, BAD_ARGUMENT, START_FAILED).</li>
 * </ul>
 * It stops cleanly on SIGTERM/SIGINT (shutdown hook) and, with {@code --exit-on-stdin-eof}, when its
 * parent goes away without asking (stdin closes), so a crashed parent never leaves a store locked.
 *
 * <p>Plugins (APOC, and Graph Data Science unless started without it) come from {@code --plugins}; their
 * jars are on the class path as well, where Neo4j finds GDS's extension.
 *
 * <p>Settings: https://neo4j.com/docs/operations-manual/5/configuration/configuration-settings/
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] argv) {
    Map<String, String> args = parse(argv);
    try {
      Path home = Path.of(required(args, "home")).toAbsolutePath();
      Path plugins = Path.of(required(args, "plugins")).toAbsolutePath();
      int port = Integer.parseInt(required(args, "port"));
      long pageCacheBytes = Long.parseLong(args.getOrDefault("pagecache-bytes", String.valueOf(128L << 20)));
      long txTimeoutMs = Long.parseLong(args.getOrDefault("tx-timeout-ms", "0"));
      Files.createDirectories(home);

      DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
          .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
          .setConfig(HttpConnector.enabled, false)
          .setConfig(HttpsConnector.enabled, false)
          .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
          .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
          // GDS needs unrestricted access too; without its jars in the plugin folder the entry is unused.
          .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*", "gds.*"))
          .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMillis(txTimeoutMs))
          .setConfig(GraphDatabaseSettings.udc_enabled, false);

      DatabaseManagementService dbms = builder.build();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(dbms), "neo4j-shutdown"));
      // Building returns once the default database is started; Bolt is bound by then.
      dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
      System.out.println("READY " + port + " " + org.neo4j.kernel.internal.Version.getNeo4jVersion());
      System.out.flush();

      if (args.containsKey("exit-on-stdin-eof")) {
        waitForStdinEof();
        System.exit(0); // runs the shutdown hook
      }
    } catch (Throwable error) {
      fail(error);
    }
  }

  private static void shutdown(DatabaseManagementService dbms) {
    try {
      dbms.shutdown();
      System.err.println("STOPPED");
    } catch (Throwable error) {
      System.err.println("Shutdown failed: " + error);
    }
  }

  private static void waitForStdinEof() {
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // The parent never writes; anything it sends is ignored.
      }
    } catch (IOException ignored) {
      // A broken pipe means the parent is gone too.
    }
  }

  private static void fail(Throwable error) {
    String code = "START_FAILED";
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String name = cause.getClass().getName();
      String message = String.valueOf(cause.getMessage());
      if (name.endsWith("FileLockException") || message.contains("already locked")) {
        code = "STORE_LOCKED";
        break;
      }
      if (name.endsWith("BindException") || message.contains("Address already in use")) {
        code = "PORT_IN_USE";
        break;
      }
      if (cause instanceof IllegalArgumentException && code.equals("START_FAILED")) {
        code = "BAD_ARGUMENT";
      }
    }
    Throwable root = error;
    while (root.getCause() != null) root = root.getCause();
    System.err.println("FATAL " + code + " " + String.valueOf(root.getMessage()).replace('\n', ' '));
    error.printStackTrace(System.err);
    System.err.flush();
    Runtime.getRuntime().halt(2);
  }

  private static Map<String, String> parse(String[] argv) {
    Map<String, String> args = new HashMap<>();
    for (String arg : argv) {
      if (!arg.startsWith("--")) continue;
      int eq = arg.indexOf('=');
      if (eq < 0) args.put(arg.substring(2), "true");
      else args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return args;
  }

  private static String required(Map<String, String> args, String name) {
    String value = args.get(name);
    if (value == null || value.isEmpty()) throw new IllegalArgumentException("missing --" + name + "=…");
    return value;
  }
}

// Launcher runs a Neo4j Community database through Neo4j's embedded API with
// the Bolt connector on, for the test suite and for trying collabgraph
// against a real server where no Neo4j is installed. run.sh fetches the jars
// and starts it:
//
//   java -cp 'lib/*' Launcher.java DIR PORT
//
// DIR holds the data; PORT is the Bolt port on 127.0.0.1, which is also the
// advertised address, so neo4j:// routing tables name the real port. With
// NEO4J_PASSWORD set, auth is on for user neo4j with that password (read
// from the environment, never from the command line, where ps shows it).
// It prints one line, "ready", once Bolt answers, and shuts the database
// down cleanly on SIGTERM, or when the process NEO4J_PARENT_PID names ends.
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher DIR PORT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();

        // A data folder started before already has its password: Neo4j
        // refuses to set the same one again.
        boolean fresh = !java.nio.file.Files.exists(dir.resolve("data/databases/system"));
        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // A test database is small: keep the page cache and the
                // transaction log from taking what the suite's other
                // processes need.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.log_queries, GraphDatabaseSettings.LogQueryLevel.OFF)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }));
        if (auth && fresh) {
            // Embedded transactions run with full rights, so the initial
            // password can be set without the change-on-first-login dance.
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    java.util.Map.of("password", password));
        }
        waitForBolt(port, Duration.ofSeconds(60));
        long ms = (System.nanoTime() - started) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        long heapMB = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        System.out.println("ready in " + ms + " ms, heap used " + heapMB + " MB");
        System.out.flush();
        watchParent(System.getenv("NEO4J_PARENT_PID"));
        stopped.await();
    }

    // watchParent exits, shutting the database down, once the process that
    // asked for this server has gone: a test binary killed by its timeout
    // must not leave a JVM behind.
    static void watchParent(String pid) {
        if (pid == null || pid.isEmpty()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(parent -> {
            Thread t = new Thread(() -> {
                parent.onExit().join();
                System.out.println("parent " + pid + " gone; stopping");
                System.exit(0);
            });
            t.setDaemon(true);
            t.start();
        }, () -> System.exit(0));
    }

    static void waitForBolt(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("Bolt did not answer on 127.0.0.1:" + port);
    }
}

package io.github.sessionfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sessionfilter.localredis.RedisCluster;
import io.github.sessionfilter.testing.AppServer;
import io.github.sessionfilter.testing.Browser;
import io.github.sessionfilter.testing.Figures;
import io.github.sessionfilter.testing.ClusterCommandLog;
import io.github.sessionfilter.testing.ClusterCredentials;
import io.github.sessionfilter.testing.ScenarioServlet;
import io.github.sessionfilter.testing.FailoverLoad;
import io.github.sessionfilter.testing.ReliabilityServlet;
import io.github.sessionfilter.testing.TwoInstances;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The session scenarios against a Redis Cluster of 3 primaries and 3 replicas (local processes), with
 * {@code redis.uri} pointing at one node and the mode detected from the server; then a primary failover
 * and a slot migration under load. The nodes require an ACL user that only the credentials provider
 * knows, so every node connection proves that the provider's credentials reach every node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class RedisClusterIT {
    private static RedisCluster cluster;
    private static TwoInstances app;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start(3, 1, ClusterCredentials.serverArgs());
        Map<String, String> settings = TwoInstances.settings(cluster.uri());
        settings.put("redis.credentials-provider", ClusterCredentials.class.getName());
        settings.put("redis.timeout", "2s");
        app = TwoInstances.start(null, settings, () -> new RedisSessionFilter(Map.of()), ScenarioServlet::new);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String key(Browser browser) throws Exception {
        return app.settings.get("redis.key-prefix") + "{" + info(browser.body(app.a.uri("/info"))).get("id") + "}";
    }

    private static Map<String, String> info(String body) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String part : body.split(";")) {
            String[] kv = part.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        return values;
    }

    @Test
    @Order(1)
    void clusterIsDetected_sessionsSpreadOverEveryPrimary_overAuthenticatedConnections() throws Exception {
        String prefix = app.settings.get("redis.key-prefix");
        for (int i = 0; i < 30; i++) {
            Browser browser = new Browser();
            browser.body(app.alternate(i, "/set?name=n&value=" + i));
            assertEquals(String.valueOf(i), browser.body(app.alternate(i + 1, "/get?name=n")));
            browser.body(app.alternate(i, "/set?name=n&value=again"));
        }
        for (RedisCluster.Node primary : cluster.primaries()) {
            List<?> scan = (List<?>) primary.call("SCAN", "0", "MATCH", prefix + "*", "COUNT", "10000");
            assertTrue(!((List<?>) scan.get(1)).isEmpty(), "no session lives on primary " + primary);
            String clients = primary.call("CLIENT", "LIST").toString();
            assertTrue(clients.lines().anyMatch(l -> l.contains(" user=" + ClusterCredentials.USER + " ")
                            && (l.contains("cmd=evalsha") || l.contains("cmd=eval"))),
                    "no authenticated data connection on " + primary + ":\n" + clients);
        }
    }

    @Test
    @Order(2)
    void attributes_setOnOneInstance_areSeenOnTheOther() throws Exception {
        Browser browser = new Browser();
        assertEquals("set", browser.body(app.a.uri("/set?name=user&value=alice")));
        assertEquals("alice", browser.body(app.b.uri("/get?name=user")));
        assertEquals("set", browser.body(app.b.uri("/set?name=user&value=bob")));
        assertEquals("bob", browser.body(app.a.uri("/get?name=user")));
    }

    @Test
    @Order(3)
    void objectMutatedInPlace_isSavedWithoutSetAttribute() throws Exception {
        Browser browser = new Browser();
        for (int i = 0; i < 6; i++) {
            browser.body(app.alternate(i, "/add?item=item" + i));
        }
        assertEquals("[item0, item1, item2, item3, item4, item5, item6]", browser.body(app.b.uri("/add?item=item6")));
    }

    @Test
    @Order(4)
    void invalidateOnOneInstance_endsTheSessionOnTheOtherAtOnce() throws Exception {
        Browser browser = new Browser();
        browser.body(app.a.uri("/set?name=user&value=alice"));
        String token = browser.cookie("SESSION");
        browser.body(app.a.uri("/invalidate"));
        assertEquals("no-session", browser.body(app.b.uri("/get?name=user")));
        Browser replay = new Browser();
        replay.setCookie(app.b.uri("/"), "SESSION", token);
        assertEquals("no-session", replay.body(app.b.uri("/get?name=user")), "the old token names a dead session");
    }

    @Test
    @Order(5)
    void changeSessionId_acrossNodes_keepsAttributes_andKillsTheOldIdAtOnce() throws Exception {
        int acrossNodes = 0;
        for (int i = 0; i < 6; i++) {
            Browser browser = new Browser();
            browser.body(app.a.uri("/set?name=cart&value=3items"));
            String before = browser.cookie("SESSION");
            RedisCluster.Node oldNode = cluster.primaryForSlot(cluster.slot(key(browser)));
            assertTrue(browser.body(app.b.uri("/login?value=alice")).startsWith("changed"));
            assertNotEquals(before, browser.cookie("SESSION"));
            RedisCluster.Node newNode = cluster.primaryForSlot(cluster.slot(key(browser)));
            acrossNodes += oldNode.equals(newNode) ? 0 : 1;
            assertEquals("3items", browser.body(app.a.uri("/get?name=cart")));
            assertEquals("alice", browser.body(app.b.uri("/get?name=user")));
            Browser attacker = new Browser();
            attacker.setCookie(app.a.uri("/"), "SESSION", before);
            assertEquals("no-session", attacker.body(app.a.uri("/get?name=cart")), "pre-login token replayed");
        }
        System.out.println("[cluster] changeSessionId moved " + acrossNodes + " of 6 sessions to another primary");
        assertTrue(acrossNodes > 0, "no session id change crossed primaries; the test proved nothing");
    }

    @Test
    @Order(6)
    void roundTrips_are_0_untouched_1_readOnly_2_writing_1_creating() throws Exception {
        List<Integer> primaries = cluster.primaries().stream().map(RedisCluster.Node::port).toList();
        try (ClusterCommandLog commands = new ClusterCommandLog(primaries)) {
            List<List<String>> creating = new ArrayList<>();
            List<List<String>> untouched = new ArrayList<>();
            List<List<String>> readOnly = new ArrayList<>();
            List<List<String>> writing = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Browser browser = new Browser();
                creating.add(commands.commandsDuring(() -> browser.body(app.a.uri("/set?name=x&value=1"))));
                untouched.add(commands.commandsDuring(() -> browser.body(app.b.uri("/none"))));
                readOnly.add(commands.commandsDuring(() -> browser.body(app.b.uri("/get?name=x"))));
                writing.add(commands.commandsDuring(() -> browser.body(app.a.uri("/set?name=x&value=2"))));
            }
            System.out.printf("[round trips, cluster] creating=%s untouched=%s read-only=%s writing=%s%n",
                    creating.get(5), untouched.get(5), readOnly.get(5), writing.get(5));
            for (int i = 0; i < 6; i++) {
                assertEquals(1, creating.get(i).size(), creating.get(i).toString());
                assertEquals(0, untouched.get(i).size(), untouched.get(i).toString());
                assertEquals(1, readOnly.get(i).size(), readOnly.get(i).toString());
                assertEquals(2, writing.get(i).size(), writing.get(i).toString());
            }
        }
    }

    @Test
    @Order(7)
    void forcedModes_areHonoured_clusterWorks_standaloneMeetsRedirects() throws Exception {
        Map<String, String> cluster = new java.util.HashMap<>(app.settings);
        cluster.put("redis.mode", "cluster");
        Map<String, String> standalone = new java.util.HashMap<>(app.settings);
        standalone.put("redis.mode", "standalone");
        try (AppServer forcedCluster = AppServer.start(new RedisSessionFilter(Map.of()), cluster, new ScenarioServlet());
             AppServer forcedStandalone = AppServer.start(new RedisSessionFilter(Map.of()), standalone, new ScenarioServlet())) {
            int clusterOk = 0;
            int standaloneOk = 0;
            for (int i = 0; i < 12; i++) {
                clusterOk += new Browser().get(forcedCluster.uri("/set?name=x&value=" + i)).statusCode() == 200 ? 1 : 0;
                standaloneOk += new Browser().get(forcedStandalone.uri("/set?name=x&value=" + i)).statusCode() == 200 ? 1 : 0;
            }
            assertEquals(12, clusterOk, "redis.mode=cluster serves every session");
            assertTrue(standaloneOk < 12, "redis.mode=standalone against a cluster node must meet MOVED for keys of "
                    + "other nodes (" + standaloneOk + " of 12 served): the setting is honoured");
        }
    }

    @Test
    @Order(8)
    void sessionLock_worksOnTheCluster_inTheSessionsSlot() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(app.settings);
        settings.put("session.lock", "/slow-incr");
        settings.put("session.lock-wait", "30s");
        try (TwoInstances locked = TwoInstances.start(null, settings, () -> new RedisSessionFilter(Map.of()),
                ReliabilityServlet::new)) {
            Browser browser = new Browser();
            browser.body(locked.a.uri("/set?name=start&value=1"));
            String key = settings.get("redis.key-prefix") + "{" + info(browser.body(locked.a.uri("/info"))).get("id") + "}";
            assertEquals(cluster.slot(key), cluster.slot(key + ":lock"), "the lock key lives in the session's slot");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            try {
                List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    results.add(pool.submit(() -> browser.get(locked.alternate(n, "/slow-incr?name=counter&millis=20")).statusCode()));
                }
                for (java.util.concurrent.Future<Integer> result : results) {
                    assertEquals(200, result.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals("10", browser.body(locked.b.uri("/counter?name=counter")), "10 locked increments, none lost");
        }
    }

    @Test
    @Order(9)
    void timedOutSessions_areAnnouncedOnce_acrossTwoInstances_onTheCluster() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(app.settings);
        settings.put("redis.key-prefix", app.settings.get("redis.key-prefix") + "exp:");
        settings.put("session.timeout", "2s");
        settings.put("session.expiry-sweep", "1s");
        settings.put("listeners", io.github.sessionfilter.testing.ExpiryListener.class.getName());
        try (TwoInstances expiring = TwoInstances.start(null, settings, () -> new RedisSessionFilter(Map.of()),
                ScenarioServlet::new).awaitRedis()) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Browser browser = new Browser();
                browser.body(expiring.alternate(i, "/set?name=user&value=c" + i));
                String id = info(browser.body(expiring.alternate(i + 1, "/info"))).get("id");
                expected.add(id + " user=c" + i);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!io.github.sessionfilter.testing.ExpiryListener.DESTROYED.containsAll(expected)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(3_000); // more sweeps on both instances
            List<String> mine = io.github.sessionfilter.testing.ExpiryListener.DESTROYED.stream()
                    .filter(expected::contains).toList();
            assertEquals(expected.size(), mine.size(), "each once, with its attribute: " + mine);
            assertTrue(mine.containsAll(expected), mine.toString());
        }
    }

    @Test
    @Order(10)
    void revokeAllOfAUser_onOneInstance_isSeenAtOnceOnTheOther_onTheCluster() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(app.settings);
        settings.put("session.user", "attribute:user");
        try (TwoInstances users = TwoInstances.start(null, settings, () -> new RedisSessionFilter(Map.of()),
                io.github.sessionfilter.testing.RegistryServlet::new).awaitRedis()) {
            String alice = "alice-" + System.nanoTime();
            List<Browser> devices = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Browser device = new Browser();
                device.body(users.alternate(i, "/login?value=" + alice));
                devices.add(device);
            }
            assertEquals(4, new Browser().body(users.b.uri("/sessions?user=" + alice)).split(",").length);
            assertEquals("4", new Browser().body(users.a.uri("/revoke-all?user=" + alice)));
            for (Browser device : devices) {
                assertEquals("no-session", device.body(users.b.uri("/get?name=user")));
            }
        }
    }

    @Test
    @Order(90)
    void primaryFailover_underLoad_losesNoAcknowledgedCommit() throws Exception {
        FailoverLoad load = FailoverLoad.start(app, 6, Duration.ofMillis(20));
        Thread.sleep(1000);
        RedisCluster.Node primary = cluster.primaryForSlot(cluster.slot(key(load.sessions().get(0))));
        RedisCluster.Node replica = cluster.replicaOf(primary);
        load.markEvent();
        long start = System.nanoTime();
        cluster.failover(replica);
        double failoverSeconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000);
        FailoverLoad.Result result = load.stop();
        Figures.report("%s", result.describe(String.format(java.util.Locale.ROOT,
                "cluster primary failover (CLUSTER FAILOVER %s -> %s, %.2f s until every node agreed)", primary, replica,
                failoverSeconds)));
        assertEquals(0, result.lost(), "acknowledged commits lost: " + result.lostNames());
        assertTrue(result.served() > 50, "the load ran: " + result.describe("failover"));
        assertTrue(result.errorWindowSeconds() < 10, result.describe("failover"));
        assertTrue(cluster.primaries().contains(replica), "the replica is a primary now");
    }

    @Test
    @Order(92)
    void primaryCrash_underLoad_recoversByItself() throws Exception {
        FailoverLoad load = FailoverLoad.start(app, 6, Duration.ofMillis(20));
        Thread.sleep(1000);
        RedisCluster.Node primary = cluster.primaryForSlot(cluster.slot(key(load.sessions().get(0))));
        RedisCluster.Node replica = cluster.replicaOf(primary);
        load.markEvent();
        primary.process().stop();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!cluster.primaries().contains(replica) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(cluster.primaries().contains(replica), "the cluster promoted the replica of the killed primary");
        Thread.sleep(3000);
        FailoverLoad.Result result = load.stop();
        Figures.report("%s", result.describe("cluster primary crash (SIGKILL " + primary + ", node timeout 3 s, replica "
                + replica + " promoted)"));
        primary.process().start();
        cluster.awaitHealthy();
        assertTrue(result.served() > 50, result.describe("the load ran"));
        assertTrue(result.recoverySeconds() < 20, result.describe("recovery"));
        // A crash can lose what the primary acknowledged in its last instant before replicating it
        // (Redis replicates asynchronously); on loopback that window is a fraction of a millisecond.
        assertTrue(result.lost() <= 1, "acknowledged commits lost: " + result.lostNames());
    }

    @Test
    @Order(91)
    void slotMigration_ofALiveSession_keepsItWorking() throws Exception {
        FailoverLoad load = FailoverLoad.start(app, 6, Duration.ofMillis(20));
        Browser live = load.sessions().get(0);
        int slot = cluster.slot(key(live));
        RedisCluster.Node source = cluster.primaryForSlot(slot);
        RedisCluster.Node target = cluster.primaries().stream().filter(p -> !p.equals(source)).findFirst().orElseThrow();
        Thread.sleep(1000);
        load.markEvent();
        cluster.migrateSlot(slot, target, () -> {
            try {
                // Let the clients run into ASK redirects while the slot is half moved.
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(2000);
        FailoverLoad.Result result = load.stop();
        Figures.report("%s", result.describe("cluster slot migration (slot " + slot + " of a live session, " + source
                + " -> " + target + ")"));
        assertEquals(target, cluster.primaryForSlot(slot));
        assertEquals(0, result.lost(), "acknowledged commits lost: " + result.lostNames());
        assertTrue(result.served() > 50, "the load ran: " + result.describe("migration"));
        HttpResponse<String> after = live.get(app.b.uri("/get?name=start"));
        assertEquals(200, after.statusCode(), after.body());
        assertEquals("0", after.body(), "the migrated session still holds its data");
    }
}

package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server and in-process CLI clients over real WebTransport on 127.0.0.1. */
@Timeout(120)
class ChatEndToEndTest {
  private static final int PER_SENDER = 20;

  private ChatServer server;
  private WebTransportClient transport;
  private final List<ChatClient> clients = new ArrayList<>();
  private final Map<String, List<ChatMessage>> inbox = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    server = ChatServer.start();
    transport = WebTransportClient.builder()
        .trust(Trust.pinnedSha256(server.certificateSha256Hex()))
        .operationTimeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterEach
  void stop() {
    clients.forEach(ChatClient::close);
    if (server != null) {
      server.close();
    }
  }

  private ChatClient join(String room, String name) throws Exception {
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    inbox.put(name, received);
    ChatClient client = ChatClient.join(transport, server.baseUrl(), room, name, received::add);
    clients.add(client);
    return client;
  }

  @Test
  @DisplayName("3 clients, 2 rooms: every message once, in its room, in order per sender; bad lines refused (PY-14, PY-15, PY-B6)")
  void threeClientsInTwoRooms() throws Exception {
    ChatClient alice = join("red", "alice");
    ChatClient bob = join("red", "bob");
    ChatClient carol = join("blue", "carol");

    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sending = new ArrayList<>();
      for (ChatClient c : List.of(alice, bob, carol)) {
        sending.add(senders.submit(() -> {
          for (int i = 0; i < PER_SENDER; i++) {
            assertInstanceOf(SendResult.Accepted.class, c.send(c.name() + " says " + i + " ✓"));
          }
          return null;
        }));
      }
      for (Future<?> f : sending) {
        f.get();
      }
    }

    // Refused lines get an error on the same stream; the session and the room carry on.
    assertEquals(new SendResult.Refused("too-long"), bob.send("x".repeat(ChatProtocol.MAX_TEXT_BYTES + 1)));
    assertEquals(new SendResult.Refused("invalid-utf8"), bob.sendBytes(new byte[] {'h', (byte) 0xC3, 0x28}));
    assertEquals(new SendResult.Refused("invalid-utf8"), carol.sendBytes(new byte[] {(byte) 0xFF}));
    // The longest accepted message: 4096 bytes of 2-byte characters, over a reused pooled stream.
    String longest = "é".repeat(ChatProtocol.MAX_TEXT_BYTES / 2);
    assertInstanceOf(SendResult.Accepted.class, bob.send(longest));
    for (ChatClient c : List.of(alice, bob, carol)) {
      assertInstanceOf(SendResult.Accepted.class, c.send("end " + c.name()));
    }

    // Room order: once a client saw every sender's "end" line, it has seen everything before it.
    awaitTrue(() -> texts("alice").containsAll(List.of("end alice", "end bob"))
        && texts("bob").containsAll(List.of("end alice", "end bob"))
        && texts("carol").contains("end carol"));

    List<String> red = new ArrayList<>();
    for (String sender : List.of("alice", "bob")) {
      for (int i = 0; i < PER_SENDER; i++) {
        red.add(sender + ": " + sender + " says " + i + " ✓");
      }
    }
    red.addAll(List.of("bob: " + longest, "alice: end alice", "bob: end bob"));
    List<String> blue = new ArrayList<>();
    for (int i = 0; i < PER_SENDER; i++) {
      blue.add("carol: carol says " + i + " ✓");
    }
    blue.add("carol: end carol");

    for (String name : List.of("alice", "bob")) {
      assertExactlyOnceInOrder(name, red);
    }
    assertExactlyOnceInOrder("carol", blue);
    assertEquals(inbox.get("alice"), inbox.get("bob"), "both red members saw the same room history");

    // Pools: sends reused sessions and streams instead of opening one per message.
    for (ChatClient c : List.of(alice, bob, carol)) {
      PoolFigures f = c.poolFigures();
      assertTrue(f.sessionsReused() > 0 && f.streamsReused() > 0, c.name() + ": " + f);
      assertTrue(f.sessionsCreated() <= ChatClient.MAX_SESSIONS, c.name() + ": " + f);
    }
  }

  @Test
  @DisplayName("a client that vanishes is dropped; the others keep chatting")
  void vanishedClientIsDropped() throws Exception {
    ChatClient alice = join("red", "alice");
    ChatClient bob = join("red", "bob");
    ChatClient dave = join("red", "dave");
    assertInstanceOf(SendResult.Accepted.class, dave.send("bye"));
    // dave's own feed too: closing before his "bye" arrived would leave his inbox empty.
    awaitTrue(() -> server.subscriberCount("red") == 3
        && texts("bob").contains("bye") && texts("dave").contains("bye"));

    dave.close();
    awaitTrue(() -> server.subscriberCount("red") == 2);

    for (int i = 0; i < 5; i++) {
      assertInstanceOf(SendResult.Accepted.class, alice.send("after " + i));
    }
    awaitTrue(() -> texts("bob").contains("after 4") && texts("alice").contains("after 4"));
    assertEquals(List.of("bye", "after 0", "after 1", "after 2", "after 3", "after 4"), texts("bob"));
    assertEquals(texts("alice"), texts("bob"));
    assertEquals(List.of("bye"), texts("dave"), "dave got nothing after leaving");
    assertTrue(!bob.feedEnded().isDone(), "bob's subscription is still up");
  }

  private List<String> texts(String name) {
    return inbox.get(name).stream().map(ChatMessage::text).toList();
  }

  /**
   * Every expected {@code "from: text"} once and nothing else; sequence numbers rising; each
   * sender's messages in the order it sent them.
   */
  private void assertExactlyOnceInOrder(String name, List<String> expected) {
    List<ChatMessage> got = List.copyOf(inbox.get(name));
    List<String> seen = got.stream().map(m -> m.from() + ": " + m.text()).toList();
    assertEquals(expected.size(), seen.size(), name + " received " + seen);
    assertEquals(new HashSet<>(expected), new HashSet<>(seen), name + " received other messages");
    assertEquals(seen.size(), new HashSet<>(seen).size(), name + " received duplicates");
    for (int i = 1; i < got.size(); i++) {
      assertTrue(got.get(i).seq() > got.get(i - 1).seq(), name + ": sequence not rising at " + i);
    }
    for (String sender : List.of("alice", "bob", "carol")) {
      String prefix = sender + ": ";
      assertEquals(expected.stream().filter(t -> t.startsWith(prefix)).toList(),
          seen.stream().filter(t -> t.startsWith(prefix)).toList(), name + ": order of " + sender);
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.sleep(10);
    }
  }
}

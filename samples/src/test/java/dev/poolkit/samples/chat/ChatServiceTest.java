package dev.poolkit.samples.chat;

import static dev.poolkit.samples.chat.MemorySession.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolkit.webtransport.CloseInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's stream handling over in-memory sessions: no network, so every path is deterministic. */
@Timeout(30)
class ChatServiceTest {
  private final ChatService chat = new ChatService(4);

  private MemorySession join(String room, String name) {
    return join(chat, room, name);
  }

  private static MemorySession join(ChatService service, String room, String name) {
    MemorySession session = new MemorySession(ChatProtocol.sessionPath(room, name));
    service.accept(session);
    return session;
  }

  private static MemorySession.ClientEnd subscribe(MemorySession session) throws Exception {
    MemorySession.ClientEnd feed = session.openFromClient();
    feed.writeLine("SUB");
    assertTrue(feed.readLine().startsWith("OK "));
    return feed;
  }

  @Test
  @DisplayName("MSG gets OK <seq> on the same stream, which stays open with nothing unread (PY-B6)")
  void sendIsAcknowledgedAndTheStreamStaysReusable() throws Exception {
    MemorySession alice = join("lobby", "alice");
    MemorySession.ClientEnd stream = alice.openFromClient();
    for (int i = 1; i <= 3; i++) {
      stream.writeLine("MSG hello " + i);
      assertEquals("OK " + i, stream.readLine());
      assertEquals(0, stream.unread());
      assertFalse(stream.serverClosedItsSide());
    }
    assertEquals(3, chat.acceptedMessages());
  }

  @Test
  @DisplayName("too long, invalid UTF-8 and unknown lines get ERR; the stream and the room carry on")
  void badLinesGetAnErrorAndNothingElseBreaks() throws Exception {
    MemorySession bob = join("lobby", "bob");
    MemorySession.ClientEnd feed = subscribe(join("lobby", "carol"));
    MemorySession.ClientEnd stream = bob.openFromClient();

    stream.write(ChatProtocol.sendLine(utf8("x".repeat(ChatProtocol.MAX_TEXT_BYTES + 1))));
    assertEquals("ERR too-long", stream.readLine());
    stream.write(ChatProtocol.sendLine(new byte[] {'a', (byte) 0xC3, 0x28}));
    assertEquals("ERR invalid-utf8", stream.readLine());
    stream.writeLine("HELLO");
    assertEquals("ERR unknown-command", stream.readLine());
    stream.write(ChatProtocol.sendLine(utf8("y".repeat(ChatProtocol.MAX_TEXT_BYTES))));
    assertEquals("OK 1", stream.readLine());
    stream.writeLine("MSG still here");
    assertEquals("OK 2", stream.readLine());

    assertEquals("MSG 1 bob " + "y".repeat(ChatProtocol.MAX_TEXT_BYTES), feed.readLine());
    assertEquals("MSG 2 bob still here", feed.readLine());
    assertEquals(3, chat.refusedLines());
    assertTrue(bob.isOpen());
  }

  @Test
  @DisplayName("subscribers see every later message of their room only, in order, with the sender's name")
  void fanOutPerRoom() throws Exception {
    MemorySession.ClientEnd redFeed = subscribe(join("red", "alice"));
    MemorySession.ClientEnd blueFeed = subscribe(join("blue", "carol"));
    MemorySession.ClientEnd bob = join("red", "bob").openFromClient();
    MemorySession.ClientEnd dave = join("blue", "dave").openFromClient();
    bob.writeLine("MSG one");
    assertEquals("OK 1", bob.readLine());
    dave.writeLine("MSG uno");
    assertEquals("OK 1", dave.readLine());
    bob.writeLine("MSG two");
    assertEquals("OK 2", bob.readLine());

    assertEquals("MSG 1 bob one", redFeed.readLine());
    assertEquals("MSG 2 bob two", redFeed.readLine());
    assertEquals("MSG 1 dave uno", blueFeed.readLine());
    assertEquals(0, blueFeed.unread());
  }

  @Test
  @DisplayName("a vanished subscriber (writes never return) is dropped; senders and the other subscribers never wait")
  void vanishedSubscriberIsDroppedWithoutDisturbingOthers() throws Exception {
    MemorySession ghost = join("lobby", "ghost");
    subscribe(ghost);
    ghost.stallServerWrites = true; // from now on every push to the ghost blocks, like a peer gone silent
    MemorySession.ClientEnd feed = subscribe(join("lobby", "alice"));
    MemorySession.ClientEnd bob = join("lobby", "bob").openFromClient();
    assertEquals(2, chat.subscriberCount("lobby"));

    int messages = 20; // well past the ghost's queue of 4 (+1 in its stuck write)
    for (int i = 1; i <= messages; i++) {
      bob.writeLine("MSG m" + i);
      assertEquals("OK " + i, bob.readLine());
      // Alice keeps up (her queue is as small as the ghost's): only the ghost may fall behind.
      assertEquals("MSG " + i + " bob m" + i, feed.readLine());
    }
    CloseInfo why = ghost.closed().get(10, TimeUnit.SECONDS);
    assertEquals(StreamSubscriber.CLOSE_TOO_SLOW, why.code());
    assertEquals("too slow", why.reason());
    awaitTrue(() -> chat.subscriberCount("lobby") == 1);
  }

  @Test
  @DisplayName("a subscription ends with its session: the room forgets it")
  void closedSessionLeavesTheRoom() throws Exception {
    MemorySession alice = join("lobby", "alice");
    subscribe(alice);
    subscribe(join("lobby", "bob"));
    assertEquals(2, chat.subscriberCount("lobby"));
    alice.close();
    awaitTrue(() -> chat.subscriberCount("lobby") == 1);
  }

  @Test
  void sessionOnABadPathIsClosedWith400() {
    MemorySession bad = new MemorySession("/chat/lobby");
    chat.accept(bad);
    assertEquals(400, bad.closed().getNow(null).code());
  }

  @Test
  void authorizerAnswers404OutsideChatAnd400ForBadNames() {
    assertEquals(200, ChatService.authorize("/chat/lobby?name=alice"));
    assertEquals(200, ChatService.authorize("/chat/lobby"), "name is checked when the query is seen");
    assertEquals(404, ChatService.authorize("/other"));
    assertEquals(400, ChatService.authorize("/chat/bad%20room?name=a"));
    assertEquals(400, ChatService.authorize("/chat/lobby?name=" + "n".repeat(33)));
    assertEquals(400, ChatService.authorize("/chat/a/b?name=a"));
  }

  @Test
  void manySessionsInterleaveWithoutLosingAMessage() throws Exception {
    // The watcher reads only after all sends: its queue must hold them all, or it is rightly
    // dropped as too slow (the service under test has a queue of 4).
    ChatService chat = new ChatService(1024);
    MemorySession.ClientEnd feed = subscribe(join(chat, "lobby", "watcher"));
    List<Thread> senders = new ArrayList<>();
    // A sender's failure would die with its thread: collect them for the test thread.
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    int each = 50;
    for (String name : List.of("a", "b", "c")) {
      MemorySession.ClientEnd s = join(chat, "lobby", name).openFromClient();
      senders.add(Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < each; i++) {
            s.writeLine("MSG " + i);
            String answer = s.readLine();
            if (!answer.startsWith("OK ")) {
              throw new AssertionError(name + " sent MSG " + i + ", got " + answer);
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread t : senders) {
      t.join();
    }
    assertEquals(List.of(), failures);
    int[] next = new int[3];
    for (int seq = 1; seq <= 3 * each; seq++) {
      ChatMessage m = ChatMessage.parse(feed.readLine());
      assertEquals(seq, m.seq());
      assertEquals(next[m.from().charAt(0) - 'a']++, Integer.parseInt(m.text()), "order of " + m.from());
    }
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(5);
    }
  }
}

package dev.poolkit.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ChatRoomTest {

  /** Records what it is offered; refuses once it holds {@code capacity} messages. */
  static final class Recorder implements Subscriber {
    final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> drops = new CopyOnWriteArrayList<>();
    final int capacity;

    Recorder(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public boolean offer(ChatMessage message) {
      if (messages.size() >= capacity) {
        return false;
      }
      messages.add(message);
      return true;
    }

    @Override
    public void dropped(String reason) {
      drops.add(reason);
    }
  }

  @Test
  void numbersMessagesAndFansThemOutToEverySubscriber() {
    ChatRoom room = new ChatRoom("lobby");
    Recorder a = new Recorder(100);
    Recorder b = new Recorder(100);
    assertEquals(0, room.subscribe(a));
    room.post("alice", "one");
    assertEquals(1, room.subscribe(b));
    room.post("bob", "two");
    assertEquals(List.of(new ChatMessage(1, "alice", "one"), new ChatMessage(2, "bob", "two")), a.messages);
    assertEquals(List.of(new ChatMessage(2, "bob", "two")), b.messages);
  }

  @Test
  void unsubscribedGetsNothingMore() {
    ChatRoom room = new ChatRoom("lobby");
    Recorder a = new Recorder(100);
    room.subscribe(a);
    room.post("alice", "one");
    room.unsubscribe(a);
    room.post("alice", "two");
    assertEquals(1, a.messages.size());
    assertEquals(0, room.subscriberCount());
  }

  @Test
  void slowSubscriberIsDroppedAndTheOthersKeepGettingEverything() {
    ChatRoom room = new ChatRoom("lobby");
    Recorder slow = new Recorder(2);
    Recorder fine = new Recorder(100);
    room.subscribe(slow);
    room.subscribe(fine);
    for (int i = 1; i <= 5; i++) {
      room.post("alice", "m" + i);
    }
    assertEquals(2, slow.messages.size());
    assertEquals(List.of("too slow"), slow.drops);
    assertEquals(5, fine.messages.size());
    assertEquals(1, room.subscriberCount());
  }

  @Test
  void concurrentSendersGetDistinctSequenceNumbersAndEachSendersOrderIsKept() throws Exception {
    ChatRoom room = new ChatRoom("lobby");
    Recorder r = new Recorder(100_000);
    room.subscribe(r);
    int senders = 8;
    int each = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      String name = "s" + s;
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new RuntimeException(e);
        }
        for (int i = 0; i < each; i++) {
          room.post(name, Integer.toString(i));
        }
      }));
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(senders * each, r.messages.size());
    for (int i = 0; i < r.messages.size(); i++) {
      assertEquals(i + 1, r.messages.get(i).seq(), "delivered in sequence order");
    }
    int[] next = new int[senders];
    for (ChatMessage m : r.messages) {
      int sender = Integer.parseInt(m.from().substring(1));
      assertEquals(next[sender]++, Integer.parseInt(m.text()), "order of " + m.from());
    }
  }

  @Test
  void roomNameIsChecked() {
    var e = assertThrows(IllegalArgumentException.class, () -> new ChatRoom("no spaces"));
    assertTrue(e.getMessage().contains("'no spaces'"), e.getMessage());
  }
}

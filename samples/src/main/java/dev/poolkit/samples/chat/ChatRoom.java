package dev.poolkit.samples.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A room: numbers the messages posted to it and fans each out to every subscriber.
 *
 * <p>Sequence numbers are assigned and messages queued to subscribers under one lock, so every
 * subscriber sees the room's messages in sequence order, and so a sender that waits for each {@code
 * OK} sees its messages delivered in the order it sent them. Subscribers only queue under the lock
 * (never block); one that cannot keep up is dropped without slowing the others.
 */
final class ChatRoom {
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<Subscriber> subscribers = new LinkedHashSet<>();
  private long lastSeq;

  ChatRoom(String name) {
    this.name = ChatProtocol.requireValidName("room", name);
  }

  String name() {
    return name;
  }

  /**
   * Adds a subscriber.
   *
   * @return the sequence number of the last message before it joined: it receives every later one
   */
  long subscribe(Subscriber subscriber) {
    lock.lock();
    try {
      subscribers.add(subscriber);
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }

  /** Removes a subscriber; does nothing if it is not (or no longer) subscribed. */
  void unsubscribe(Subscriber subscriber) {
    lock.lock();
    try {
      subscribers.remove(subscriber);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Numbers a message and queues it to every subscriber.
   *
   * @return the message as delivered, with its sequence number
   */
  ChatMessage post(String from, String text) {
    List<Subscriber> slow = new ArrayList<>(0);
    ChatMessage message;
    lock.lock();
    try {
      message = new ChatMessage(++lastSeq, from, text);
      for (Subscriber s : subscribers) {
        if (!s.offer(message)) {
          slow.add(s);
        }
      }
      subscribers.removeAll(slow);
    } finally {
      lock.unlock();
    }
    for (Subscriber s : slow) {
      s.dropped("too slow");
    }
    return message;
  }

  int subscriberCount() {
    lock.lock();
    try {
      return subscribers.size();
    } finally {
      lock.unlock();
    }
  }

  long lastSeq() {
    lock.lock();
    try {
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }
}

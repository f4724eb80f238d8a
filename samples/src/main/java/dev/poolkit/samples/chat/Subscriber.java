package dev.poolkit.samples.chat;

/** Something a {@link ChatRoom} delivers messages to. Implementations never block. */
interface Subscriber {

  /**
   * Queues a message for delivery; called under the room's lock, in sequence order.
   *
   * @return false if the subscriber cannot keep up (its queue is full): the room then drops it
   */
  boolean offer(ChatMessage message);

  /** The room dropped this subscriber (too slow); called outside the room's lock. */
  void dropped(String reason);
}

package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.WebTransportStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A subscription stream on the server: a bounded queue filled by the room and one virtual thread
 * that writes it to the client. The room never waits for the network: when the queue is full the
 * room drops the subscriber and its session is closed; a failed write ends the subscription too.
 */
final class StreamSubscriber implements Subscriber {
  /** Session close code sent to a subscriber that could not keep up. */
  static final long CLOSE_TOO_SLOW = 1;

  private final WebTransportStream stream;
  private final BlockingQueue<ChatMessage> queue;
  private final ChatRoom room;
  private volatile boolean stopped;
  private volatile Thread writer;

  /**
   * @param room the room it subscribes to (left again when a write fails)
   * @param queueCapacity messages that may wait for the network before the subscriber is dropped
   */
  StreamSubscriber(WebTransportStream stream, ChatRoom room, int queueCapacity) {
    this.stream = stream;
    this.room = room;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
  }

  /**
   * Joins the room and starts the writer, which sends {@code OK <last-seq>} and then every later
   * message of the room.
   */
  void start() {
    long lastSeq = room.subscribe(this);
    writer = Thread.ofVirtual().name("chat-push").start(() -> write(lastSeq));
  }

  @Override
  public boolean offer(ChatMessage message) {
    return stopped || queue.offer(message);
  }

  @Override
  public void dropped(String reason) {
    stop();
    stream.session().close(CLOSE_TOO_SLOW, reason);
  }

  /** Leaves the room and ends the writer; the stream is closed by whoever owns it. Idempotent. */
  void stop() {
    stopped = true;
    room.unsubscribe(this);
    Thread w = writer;
    if (w != null) {
      w.interrupt();
    }
  }

  private void write(long lastSeq) {
    try {
      stream.write(ChatProtocol.line(ChatProtocol.OK + lastSeq));
      List<ChatMessage> batch = new ArrayList<>();
      while (!stopped) {
        batch.add(queue.take());
        queue.drainTo(batch);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (ChatMessage m : batch) {
          bytes.writeBytes((m.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        batch.clear();
        stream.write(bytes.toByteArray());
      }
    } catch (InterruptedException e) {
      // stopped
    } catch (IOException | RuntimeException e) {
      stopped = true;
      room.unsubscribe(this);
      stream.session().close(0, "");
    }
  }
}

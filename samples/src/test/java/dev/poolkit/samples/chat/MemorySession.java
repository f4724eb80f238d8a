package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.CloseInfo;
import dev.poolkit.webtransport.WebTransportConnection;
import dev.poolkit.webtransport.WebTransportSession;
import dev.poolkit.webtransport.WebTransportStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The server's view of a session, in memory: the test plays the client through {@link
 * #openFromClient()}; each stream reaches the server's handler on its own virtual thread, as the
 * real transport does.
 */
final class MemorySession implements WebTransportSession {
  private final String path;
  private final List<Stream> streams = new CopyOnWriteArrayList<>();
  private final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
  private volatile Consumer<WebTransportStream> handler;
  /** When set, the server's writes on this session block until the session closes: a vanished peer. */
  volatile boolean stallServerWrites;

  MemorySession(String path) {
    this.path = path;
  }

  /** The client opens a bidirectional stream; returns the client's end. */
  ClientEnd openFromClient() {
    Stream s = new Stream();
    streams.add(s);
    Consumer<WebTransportStream> h = handler;
    Thread.ofVirtual().start(() -> h.accept(s));
    return new ClientEnd(s);
  }

  /** The close code and reason, once closed. */
  CompletableFuture<CloseInfo> closed() {
    return closed;
  }

  @Override public String path() { return path; }
  @Override public WebTransportConnection connection() { return null; }
  @Override public boolean isOpen() { return !closed.isDone(); }
  @Override public long streamsOpened() { return 0; }
  // The chat uses no datagrams: a memory session has none to offer.
  @Override public int maxDatagramSize() { return 0; }
  @Override public long datagramsDropped() { return 0; }
  @Override public boolean isReusable() { return isOpen(); }
  @Override public boolean isBroken() { return false; }
  @Override public void sendDatagram(byte[] payload) { throw new UnsupportedOperationException("the chat sends no datagrams"); }
  @Override public byte[] receiveDatagram(Duration timeout) { throw new UnsupportedOperationException("the chat reads no datagrams"); }
  @Override public WebTransportStream openStream() { throw new UnsupportedOperationException("not used by the server"); }
  @Override public WebTransportStream openStream(Duration timeout) { throw new UnsupportedOperationException(); }
  @Override public WebTransportStream openUnidirectionalStream() { throw new UnsupportedOperationException(); }
  @Override public void onIncomingStream(Consumer<WebTransportStream> handler) { this.handler = handler; }
  @Override public CompletableFuture<CloseInfo> closeFuture() { return closed; }

  @Override
  public void close(long code, String reason) {
    if (closed.complete(new CloseInfo(CloseInfo.Cause.LOCAL, code, reason))) {
      for (Stream s : streams) {
        s.toServer.reset();
        s.toClient.reset();
        s.unstall.countDown();
      }
    }
  }

  @Override
  public void close() {
    close(0, "");
  }

  /** The test's (client's) end of a stream. */
  static final class ClientEnd {
    private final Stream s;
    private final LineReader lines;

    ClientEnd(Stream s) {
      this.s = s;
      this.lines = new LineReader(s.toClient::read, ChatProtocol.MAX_SERVER_LINE_BYTES);
    }

    void write(byte[] bytes) throws IOException {
      s.toServer.write(bytes);
    }

    void writeLine(String line) throws IOException {
      write(ChatProtocol.line(line));
    }

    /** The server's next line, or the name of what came instead (End, TooLong...). */
    String readLine() throws IOException {
      LineReader.Line line = lines.next();
      return line instanceof LineReader.Line.Text(String t) ? t : line.toString();
    }

    /** Bytes the server sent that were not read yet. */
    int unread() {
      return s.toClient.available();
    }

    /** Whether the server finished (FIN) or reset its side. */
    boolean serverClosedItsSide() {
      return s.serverClosed;
    }
  }

  /** The server's end of a stream. */
  final class Stream implements WebTransportStream {
    final BytePipe toServer = new BytePipe();
    final BytePipe toClient = new BytePipe();
    final CountDownLatch unstall = new CountDownLatch(1);
    volatile boolean serverClosed;

    @Override public WebTransportSession session() { return MemorySession.this; }
    @Override public boolean isBidirectional() { return true; }

    @Override
    public InputStream inputStream() {
      return new InputStream() {
        @Override public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
          return toServer.read(b, off, len);
        }
      };
    }

    @Override
    public OutputStream outputStream() {
      throw new UnsupportedOperationException("the chat server writes with write(byte[])");
    }

    @Override
    public void write(byte[] bytes) throws IOException {
      if (stallServerWrites) {
        boolean interrupted = false;
        while (true) {
          try {
            unstall.await(); // ignores interrupts, as Flupke's blocking writes do
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("session closed while writing");
      }
      toClient.write(bytes);
    }

    @Override public int read(byte[] b, int off, int len, Duration timeout) throws IOException { return toServer.read(b, off, len); }
    @Override public byte[] readNBytes(int length, Duration timeout) { throw new UnsupportedOperationException(); }
    @Override public void finish() { serverClosed = true; toClient.finish(); }
    @Override public boolean isSendClosed() { return serverClosed; }
    @Override public boolean isReceiveFinished() { return false; }
    @Override public boolean hasUnreadBytes() { return toServer.available() > 0; }
    @Override public boolean isBroken() { return toServer.isReset(); }
    @Override public boolean isReusable() { return !serverClosed && !isBroken(); }
    @Override public void close() { finish(); }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

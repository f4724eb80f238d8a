package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The README's demo: a chat server on an ephemeral port with an ephemeral certificate, and a few
 * simulated clients in two rooms chatting for a few seconds on virtual threads. Prints an excerpt of
 * the conversation, checks every client got every message of its room, and prints what the pools
 * did: sessions and streams created versus reused.
 *
 * <p>Run: {@code ./mvnw -q -Pdemo -pl samples -am package}. Arguments: {@code [clients] [seconds]},
 * default 5 clients for 3 seconds. Exits 0 when every message arrived.
 */
public final class ChatDemo {
  private ChatDemo() {}

  private static final String[] NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
  private static final String[] LINES = {
    "morning all", "anyone tried the new pool?", "it parks virtual threads, nice",
    "coffee first", "sessions get reused, streams too", "what is the p99 today?",
    "lunch at noon?", "shipping it", "looks green to me", "one more test run",
  };

  /** One simulated participant and what it received. */
  private record Participant(ChatClient client, ConcurrentLinkedQueue<ChatMessage> received) {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Duration chatFor = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
    if (clients < 2 || clients > NAMES.length) {
      throw new IllegalArgumentException("clients must be 2.." + NAMES.length + ", was " + clients);
    }
    boolean ok;
    try (ChatServer server = ChatServer.start()) {
      System.out.println("Chat server at " + server.baseUrl() + ", certificate sha-256 "
          + server.certificateSha256Hex().substring(0, 16) + "…");
      WebTransportClient transport = WebTransportClient.builder()
          .trust(Trust.pinnedSha256(server.certificateSha256Hex()))
          .build();
      List<Participant> people = new ArrayList<>();
      try {
        for (int i = 0; i < clients; i++) {
          String room = i % 3 == 2 ? "garden" : "lobby";
          ConcurrentLinkedQueue<ChatMessage> received = new ConcurrentLinkedQueue<>();
          people.add(new Participant(ChatClient.join(transport, server.baseUrl(), room, NAMES[i], received::add), received));
        }
        System.out.printf("%d clients in rooms lobby and garden chat for %d s, two typists each...%n%n",
            clients, chatFor.toSeconds());
        chat(people, chatFor);
        ok = report(server, people);
      } finally {
        people.forEach(p -> p.client().close());
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /** Every participant sends from two virtual threads until the time is up. */
  private static void chat(List<Participant> people, Duration chatFor) throws Exception {
    long deadline = System.nanoTime() + chatFor.toNanos();
    try (ExecutorService typists = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      long seed = 42;
      for (Participant p : people) {
        for (int t = 0; t < 2; t++) {
          SplittableRandom random = new SplittableRandom(seed++);
          running.add(typists.submit(() -> {
            while (System.nanoTime() < deadline) {
              p.client().send(LINES[random.nextInt(LINES.length)]);
              Thread.sleep(random.nextInt(40, 160));
            }
            return null;
          }));
        }
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    // What the server refuses, while the room carries on:
    ChatClient first = people.getFirst().client();
    System.out.println(first.name() + " sends 5000 bytes: " + first.send("x".repeat(5000)));
    System.out.println(first.name() + " sends invalid UTF-8: " + first.sendBytes(new byte[] {(byte) 0xC3, 0x28}));
    System.out.println();
  }

  private static boolean report(ChatServer server, List<Participant> people) throws InterruptedException {
    Map<String, Long> sequences = server.roomSequences();
    awaitDelivery(people, sequences, Duration.ofSeconds(10));
    boolean ok = true;
    for (String room : sequences.keySet()) {
      Participant witness = people.stream().filter(p -> p.client().room().equals(room)).findFirst().orElseThrow();
      List<ChatMessage> seen = List.copyOf(witness.received());
      System.out.printf("#%s as %s saw it (first 8 of %d):%n", room, witness.client().name(), seen.size());
      seen.stream().limit(8).forEach(m -> System.out.printf("  %4d  %-6s %s%n", m.seq(), m.from(), m.text()));
      System.out.println();
    }
    PoolFigures total = PoolFigures.ZERO;
    for (Participant p : people) {
      long expected = sequences.get(p.client().room());
      List<ChatMessage> seen = List.copyOf(p.received());
      boolean inOrder = true;
      for (int i = 0; i < seen.size(); i++) {
        inOrder &= seen.get(i).seq() == i + 1;
      }
      boolean complete = seen.size() == expected && inOrder;
      ok &= complete;
      PoolFigures figures = p.client().poolFigures();
      total = total.plus(figures);
      System.out.printf("%-6s %-7s received %d/%d%s | %s%n", p.client().name(), p.client().room(), seen.size(),
          expected, complete ? ", in order" : " MISSING OR OUT OF ORDER", figures);
    }
    System.out.println();
    System.out.println("Pools, all clients: " + total);
    System.out.printf("Server: %d messages accepted, %d refused; %d connections and %d sessions open "
            + "(one subscription session per client plus the pooled ones)%n",
        server.acceptedMessages(), server.refusedLines(), server.transport().connectionCount(),
        server.transport().sessionCount());
    System.out.println(ok ? "Every message arrived once, in order." : "SOME MESSAGES WERE LOST.");
    return ok;
  }

  private static void awaitDelivery(List<Participant> people, Map<String, Long> sequences, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (people.stream().allMatch(p -> p.received().size() >= sequences.get(p.client().room()))) {
        return;
      }
      Thread.sleep(20);
    }
  }
}

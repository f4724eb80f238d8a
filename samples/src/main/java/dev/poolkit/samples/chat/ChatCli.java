package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The chat's command-line client: every line typed is sent to the room, every message of the room
 * is printed.
 *
 * <pre>
 * java -cp ... dev.poolkit.samples.chat.ChatCli --server https://127.0.0.1:4433 --room lobby \
 *     --name alice --trust 3f2a...e9   (SHA-256 of the server certificate, as ChatServerMain prints)
 * </pre>
 *
 * Without {@code --trust} the JDK's default trust store is used. Ends at end of input (Ctrl-D).
 */
public final class ChatCli {
  private ChatCli() {}

  public static void main(String[] args) throws Exception {
    CliOptions options;
    try {
      options = CliOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(CliOptions.USAGE);
      System.exit(2);
      return;
    }
    WebTransportClient transport = WebTransportClient.builder()
        .trust(options.trustSha256() != null ? Trust.pinnedSha256(options.trustSha256()) : Trust.systemDefault())
        .build();
    try (ChatClient chat = ChatClient.join(transport, options.server(), options.room(), options.name(),
        m -> System.out.printf("#%d %s: %s%n", m.seq(), m.from(), m.text()))) {
      System.out.printf("joined %s as %s; type messages, Ctrl-D to leave%n", chat.room(), chat.name());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (chat.send(line) instanceof SendResult.Refused(String reason)) {
          System.out.println("(refused: " + reason + ")");
        }
      }
      System.out.println(chat.poolFigures());
    }
  }
}

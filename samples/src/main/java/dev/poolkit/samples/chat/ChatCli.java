package dev.poolkit.samples.chat;

import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  private static final List<String> OPTIONS = List.of("--server", "--room", "--name", "--trust");

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: ChatCli --server https://host:port --room <room> --name <name> [--trust <sha256-hex>]");
      System.exit(2);
      return;
    }
    WebTransportClient transport = WebTransportClient.builder()
        .trust(options.containsKey("--trust") ? Trust.pinnedSha256(options.get("--trust")) : Trust.systemDefault())
        .build();
    try (ChatClient chat = ChatClient.join(transport, URI.create(options.get("--server")),
        options.get("--room"), options.get("--name"),
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

  /** {@code --key value} pairs; --server, --room and --name are required. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i])) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      options.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--server", "--room", "--name")) {
      if (!options.containsKey(required)) {
        throw new IllegalArgumentException("missing " + required);
      }
    }
    ChatProtocol.requireValidName("--room", options.get("--room"));
    ChatProtocol.requireValidName("--name", options.get("--name"));
    return options;
  }
}

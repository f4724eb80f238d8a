package dev.poolkit.samples.chat;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ChatCli}'s command line: {@code --server https://host:port --room <room> --name <name>
 * [--trust <sha256-hex>]}.
 *
 * @param trustSha256 the pinned certificate hash, or {@code null} for the JDK's trust store
 */
record CliOptions(URI server, String room, String name, String trustSha256) {

  static final String USAGE =
      "usage: ChatCli --server https://host:port --room <room> --name <name> [--trust <sha256-hex>]";

  private static final List<String> KNOWN = List.of("--server", "--room", "--name", "--trust");

  /**
   * Parses {@code --key value} pairs.
   *
   * @throws IllegalArgumentException naming the option for an unknown or missing option, a missing
   *     value, a server that is not {@code https://host:port}, or a bad room or name
   */
  static CliOptions parse(String... args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!KNOWN.contains(args[i])) {
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
    URI server;
    try {
      server = URI.create(options.get("--server"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server is not a URL: '" + options.get("--server") + "'", e);
    }
    if (!"https".equals(server.getScheme()) || server.getHost() == null || server.getPort() < 0) {
      throw new IllegalArgumentException("--server must be https://host:port, was '" + server + "'");
    }
    return new CliOptions(server,
        ChatProtocol.requireValidName("--room", options.get("--room")),
        ChatProtocol.requireValidName("--name", options.get("--name")),
        options.get("--trust"));
  }
}

package dev.poolkit.samples.chat;

/**
 * What a client's pools did: sessions and streams created versus handed out again.
 *
 * @param sends messages sent (each took one session lease and one stream lease)
 * @param sessionsCreated sessions the {@code SessionPool} opened
 * @param sessionsReused session leases served by a session that already existed
 * @param streamsCreated streams the {@code StreamPool}s opened
 * @param streamsReused stream leases served by a stream that already existed
 */
public record PoolFigures(
    long sends, long sessionsCreated, long sessionsReused, long streamsCreated, long streamsReused) {

  static final PoolFigures ZERO = new PoolFigures(0, 0, 0, 0, 0);

  PoolFigures plus(PoolFigures o) {
    return new PoolFigures(
        sends + o.sends,
        sessionsCreated + o.sessionsCreated,
        sessionsReused + o.sessionsReused,
        streamsCreated + o.streamsCreated,
        streamsReused + o.streamsReused);
  }

  @Override
  public String toString() {
    return "%d sends: sessions %d created / %d reused, streams %d created / %d reused"
        .formatted(sends, sessionsCreated, sessionsReused, streamsCreated, streamsReused);
  }
}

package dev.poolkit.webtransport;

/**
 * Why a connection or session ended.
 *
 * @param cause who or what ended it
 * @param code the application error code (session close code, QUIC application error), 0 if none
 * @param reason the reason text sent with the close, or a description of the failure; may be empty
 */
public record CloseInfo(Cause cause, long code, String reason) {

  /** Who or what ended a connection or session. */
  public enum Cause {
    /** Closed by this side, through {@code close()} or a pool. */
    LOCAL,
    /** Closed by the peer (session close capsule, CONNECTION_CLOSE, server stopped). */
    PEER,
    /** The QUIC idle timeout expired. */
    IDLE_TIMEOUT,
    /** The peer stopped answering (Kwik ConnectionLost, stateless reset) or an operation stalled. */
    LOST,
    /** The connection under a session ended. */
    CONNECTION_CLOSED
  }
}

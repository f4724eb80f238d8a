package dev.poolkit.webtransport.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kwik's false-positive loss-delay assertion is off even when the JVM runs with -ea, as tests do. */
class KwikAssertionsTest {

  @Test
  void lossDetectorAssertionsAreOffAfterApply() throws Exception {
    assertTrue(KwikAssertionsTest.class.desiredAssertionStatus(), "this test needs -ea (Surefire's default)");
    KwikAssertions.apply();
    Class<?> lossDetector = Class.forName("tech.kwik.core.recovery.LossDetector", false, getClass().getClassLoader());
    assertFalse(lossDetector.desiredAssertionStatus(), "LossDetector assertions");
    Class<?> sender = Class.forName("tech.kwik.core.send.SenderImpl", false, getClass().getClassLoader());
    assertTrue(sender.desiredAssertionStatus(), "the rest of Kwik keeps its assertions");
  }
}

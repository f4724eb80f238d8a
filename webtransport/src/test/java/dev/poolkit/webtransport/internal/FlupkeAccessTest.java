package dev.poolkit.webtransport.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fails loudly when a Flupke upgrade changes the non-exported pieces {@link FlupkeAccess} builds
 * on. Compilation already pins the signatures; this pins what the compiler cannot see.
 */
class FlupkeAccessTest {

  @Test
  void theProtectedConnectionFactoryFieldTheClientUsesIsStillThere() throws Exception {
    Field field = tech.kwik.flupke.Http3Client.class.getDeclaredField("http3ConnectionFactory");
    assertTrue(Modifier.isProtected(field.getModifiers()),
        "Flupke changed Http3Client.http3ConnectionFactory; FlupkeAccess.OwnConnectionClient must change too");
    assertEquals("tech.kwik.flupke.impl.Http3ConnectionFactory", field.getType().getName());
  }

  @Test
  void theServerAdvertisesManySessionsAndChromiumsSettings() {
    FlupkeAccess.ExtensionFactory factory = new FlupkeAccess.ExtensionFactory(16, (c, p, h, m) -> 404);
    Map<Long, Long> settings = factory.getExtensionSettings();
    assertEquals(16L, settings.get(FlupkeAccess.SETTINGS_WT_MAX_SESSIONS));
    assertEquals(1L, settings.get(FlupkeAccess.SETTINGS_ENABLE_WEBTRANSPORT_DRAFT02));
    assertEquals(1L, settings.get(FlupkeAccess.SETTINGS_H3_DATAGRAM));
    assertEquals(tech.kwik.flupke.webtransport.impl.WebTransportExtensionFactory.WT_MAX_SESSIONS,
        FlupkeAccess.SETTINGS_WT_MAX_SESSIONS, "Flupke's own constant moved: check the draft version");
  }

  @Test
  void theImplClassesTheServerNeedsStillExist() {
    for (String name : new String[] {
        "tech.kwik.flupke.impl.CapsuleProtocolStreamImpl",
        "tech.kwik.flupke.webtransport.impl.ServerSessionFactoryImpl",
        "tech.kwik.flupke.webtransport.impl.WebTransportContext"}) {
      assertDoesNotThrow(() -> Class.forName(name), name + " is gone from Flupke");
    }
  }

  @Test
  void theKwikClassesSendNudgeUsesStillHaveTheirShape() throws Exception {
    Class<?> output = Class.forName("tech.kwik.core.stream.StreamOutputStreamImpl");
    assertTrue(tech.kwik.core.stream.FlowControlUpdateListener.class.isAssignableFrom(output),
        "Kwik's stream output no longer takes streamNotBlocked: SendNudge would silently do nothing");
    for (String name : new String[] {"tech.kwik.core.impl.QuicClientConnectionImpl",
        "tech.kwik.core.server.impl.ServerConnectionImpl"}) {
      assertTrue(tech.kwik.core.impl.QuicConnectionImpl.class.isAssignableFrom(Class.forName(name)),
          name + " is no longer a QuicConnectionImpl: SendNudge would silently do nothing");
    }
  }
}

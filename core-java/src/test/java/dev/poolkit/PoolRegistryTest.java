package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PO-11: Poco's SessionPoolContainer. */
class PoolRegistryTest {

  @Test
  void poolsAreFoundByName_PO11() {
    try (PoolRegistry registry = new PoolRegistry()) {
      Pool<String> db = registry.add(Pool.builder(() -> "conn").name("db").build());
      registry.add(Pool.builder(() -> "conn").name("cache").build());
      assertSame(db, registry.get("db"));
      assertTrue(registry.has("cache"));
      assertEquals(Set.of("cache", "db"), registry.names());
    }
  }

  @Test
  void addingADuplicateNameFailsAndKeepsTheFirst_PO11() {
    try (PoolRegistry registry = new PoolRegistry()) {
      Pool<String> first = registry.add(Pool.builder(() -> "a").name("db").build());
      try (Pool<String> second = Pool.builder(() -> "b").name("db").build()) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> registry.add(second));
        assertTrue(e.getMessage().contains("'db'"), e.getMessage());
      }
      assertSame(first, registry.get("db"));
    }
  }

  @Test
  void anUnknownNameFailsWithAClearError_PO11() {
    try (PoolRegistry registry = new PoolRegistry()) {
      registry.add(Pool.builder(() -> "a").name("db").build());
      NoSuchElementException e =
          assertThrows(NoSuchElementException.class, () -> registry.get("dbb"));
      assertTrue(e.getMessage().contains("'dbb'") && e.getMessage().contains("[db]"), e.getMessage());
      assertNull(registry.find("dbb"));
    }
  }

  @Test
  void closeClosesEveryPoolAndEmptiesTheRegistry() {
    PoolRegistry registry = new PoolRegistry();
    Pool<String> db = registry.add(Pool.builder(() -> "a").name("db").build());
    assertSame(db, registry.remove("db"));
    assertFalse(db.isClosed(), "remove does not close");
    registry.add(db);
    registry.close();
    assertTrue(db.isClosed());
    assertTrue(registry.names().isEmpty());
  }
}

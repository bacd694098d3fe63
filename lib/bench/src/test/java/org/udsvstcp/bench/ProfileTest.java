package org.udsvstcp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfileTest {
  private final String saved = System.getProperty(Profile.PROPERTY);

  @AfterEach
  void restoreProperty() {
    if (saved == null) {
      System.clearProperty(Profile.PROPERTY);
    } else {
      System.setProperty(Profile.PROPERTY, saved);
    }
  }

  @Test
  void thePropertySelectsTheQuickProfileWhichLabelsItselfSmokeOnly() {
    System.setProperty(Profile.PROPERTY, "QUICK");
    assertEquals(Profile.QUICK, Profile.current());
    assertTrue(Profile.current().smokeOnly());
    assertTrue(Profile.current().label().contains("smoke test only"));
  }

  @Test
  void theTeachingProfileKeepsTheOriginalsFiveSeconds() {
    System.setProperty(Profile.PROPERTY, "teaching");
    assertEquals(5, Profile.current().originalDuration().toSeconds());
    assertTrue(Profile.current().trials() >= 5);
  }

  @Test
  void anUnknownProfileIsRejectedNamingTheValidOnes() {
    System.setProperty(Profile.PROPERTY, "fast");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Profile::current);
    assertTrue(e.getMessage().contains("teaching, quick"), e.getMessage());
  }
}

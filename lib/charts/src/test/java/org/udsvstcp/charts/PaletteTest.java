package org.udsvstcp.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {

  @Test
  void transportsKeepTheirColoursInEveryFigure() {
    Palette palette = Palette.forFigure();
    palette.color("something else");
    assertEquals("#1f77b4", palette.color("tcp"));
    assertEquals("#ff7f0e", palette.color("uds"));
    assertEquals("#d62728", palette.color("uds-junix"));
    assertEquals("#17becf", palette.color("tcp-classic"));
    assertEquals("#2ca02c", palette.color("tcp-sockmap"));
    assertEquals("#9467bd", palette.color("tcp-veth"));
    assertEquals(Palette.colorOf("uds"), palette.color("uds"));
  }

  @Test
  void otherLabelsGetDistinctColoursInOrderOfFirstUse() {
    Palette palette = Palette.forFigure();
    List<String> labels = List.of("nodelay on", "nodelay off", "same-core", "cross-core");
    Set<String> colours = new HashSet<>();
    for (String label : labels) {
      colours.add(palette.color(label));
    }
    assertEquals(4, colours.size(), "no two labels share a colour");
    assertEquals("#8c564b", Palette.forFigure().color("cross-core"), "first use, first colour");
    assertEquals(palette.color("nodelay on"), palette.color("nodelay on"), "stable per figure");
  }

  @Test
  void labelsStartingWithATransportGetShadesOfItsColourDistinctFromItAndEachOther() {
    Palette palette = Palette.forFigure();
    String threads = palette.color("uds, threads");
    String processes = palette.color("uds, processes");
    assertNotEquals(threads, processes);
    assertNotEquals(palette.color("uds"), threads);
    assertNotEquals(palette.color("uds"), processes);
    assertEquals(Palette.shade("#ff7f0e", -0.45), threads, "the first is a darker shade");
    assertEquals(Palette.shade("#d62728", -0.45), palette.color("uds-junix, threads"));
  }

  @Test
  void aTransportPrefixMustEndAtAWordBoundary() {
    assertEquals("uds", Palette.transportPrefix("uds, processes"));
    assertEquals("uds-junix", Palette.transportPrefix("uds-junix with threads"));
    assertEquals("tcp-classic", Palette.transportPrefix("tcp-classic, nodelay"));
    assertNull(Palette.transportPrefix("udsx"));
    assertNull(Palette.transportPrefix("uds"));
    assertNull(Palette.transportPrefix("uds-other"));
  }

  @Test
  void shadesMixTowardsBlackOrWhite() {
    assertEquals("#000000", Palette.shade("#ff7f0e", -1));
    assertEquals("#ffffff", Palette.shade("#ff7f0e", 1));
    assertEquals("#804007", Palette.shade("#ff7f0e", -0.5));
  }
}

package io.jgrad.cli.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.CatalogIndex;
import io.jgrad.losses.catalog.Component;
import io.jgrad.losses.catalog.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demonstration half of the catalog's coverage (the rest is CatalogCoverageTest in losses):
 * every DONE component has a registered demo, every demo names catalog components, and a PARTIAL
 * component without a demo says so in its note.
 */
class CatalogDemoCoverageTest {
  @Test
  void everyDoneComponentHasADemo() {
    List<String> problems = new ArrayList<>();
    for (Component c : Catalog.components()) {
      if (c.status() == Status.DONE && Demos.covering(c.id()).isEmpty()) {
        problems.add(c.id() + ": DONE but no demonstration (a Demo naming it in components(); see docs/catalog-demos.md), "
            + "or register it as partial with a note");
      }
    }
    for (Demo d : Demos.all()) {
      for (String id : d.components()) {
        if (CatalogIndex.row(id).isEmpty()) problems.add("demo " + d.id() + " names '" + id + "', which is not in the catalog index");
      }
    }
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  /** A PARTIAL component without a demonstration says so in its note (the catalog README's "Done", item 7). */
  @Test
  void everyPartialComponentWithoutADemoSaysSo() {
    List<String> problems = new ArrayList<>();
    for (Component c : Catalog.components()) {
      if (c.status() == Status.PARTIAL && Demos.covering(c.id()).isEmpty() && !c.note().contains("demonstration")) {
        problems.add(c.id() + ": PARTIAL without a demonstration, but its note does not say so: " + c.note());
      }
    }
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  @Test
  void theClassicComponentsAreCovered() {
    assertTrue(!Demos.covering("label_smoothing_ce").isEmpty());
    assertTrue(!Demos.covering("regression_losses_core").isEmpty());
  }
}

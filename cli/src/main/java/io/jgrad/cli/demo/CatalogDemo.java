package io.jgrad.cli.demo;

import java.util.List;

/**
 * A demonstration's fixed description, given once to the constructor: its id, the components it
 * demonstrates, the docs page (family), the title, the setup and the claim. Subclasses implement
 * {@link #run}.
 */
public abstract class CatalogDemo implements Demo {
  private final String id;
  private final List<String> components;
  private final String family;
  private final String title;
  private final String setup;
  private final Claim claim;

  protected CatalogDemo(String id, List<String> components, String family, String title, String setup, Claim claim) {
    if (id == null || id.isBlank() || components == null || components.isEmpty() || family == null || title == null || setup == null
        || claim == null) {
      throw new IllegalArgumentException("demo " + id + ": id, components, family, title, setup and claim are required");
    }
    this.id = id;
    this.components = List.copyOf(components);
    this.family = family;
    this.title = title;
    this.setup = setup;
    this.claim = claim;
  }

  @Override
  public final String id() { return id; }

  @Override
  public final List<String> components() { return components; }

  @Override
  public final String family() { return family; }

  @Override
  public final String title() { return title; }

  @Override
  public final String setup() { return setup; }

  @Override
  public final Claim claim() { return claim; }
}

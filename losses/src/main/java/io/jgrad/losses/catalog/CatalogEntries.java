package io.jgrad.losses.catalog;

import java.util.List;

/**
 * A family's registry rows (one file per family, e.g. the classification losses). Families are
 * found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.jgrad.losses.catalog.CatalogEntries}. Users can add their own
 * components the same way.
 */
public interface CatalogEntries {
  List<Component> entries();
}

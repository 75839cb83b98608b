package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.tensor.JavadocHtml;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This module's Javadoc has no bare &lt; or &amp;, which would fail the Javadoc jar of {@code ./mvnw package}. */
class JavadocHtmlTest {
  @Test
  void javadocHasNoBareLessThanOrAmpersand() {
    assertEquals(List.of(), JavadocHtml.problems(Path.of("src/main/java")));
  }
}

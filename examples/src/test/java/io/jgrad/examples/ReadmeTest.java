package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets: a snippet marked {@code <!-- example: PATH -->} is that example's
 * source (without its package line), so it compiles and runs with the example's test; and every
 * snippet names its imports (each type it uses is imported, or in java.lang).
 */
class ReadmeTest {
  static final Path README = Path.of("..", "README.md");
  static final Pattern BLOCK = Pattern.compile("(<!-- example: (\\S+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);
  static final Set<String> JAVA_LANG = Set.of("String", "Math", "System", "Double", "Integer", "Long", "Float",
      "Boolean", "Object", "Thread", "Runtime", "Exception", "RuntimeException", "IllegalArgumentException",
      "IllegalStateException", "Override");

  record Snippet(String example, String code) {}

  static List<Snippet> snippets() throws IOException {
    Matcher m = BLOCK.matcher(Files.readString(README));
    List<Snippet> r = new ArrayList<>();
    while (m.find()) r.add(new Snippet(m.group(2), m.group(3)));
    return r;
  }

  @Test
  void exampleSnippetsAreTheExamplesSources() throws IOException {
    int examples = 0;
    for (Snippet s : snippets()) {
      if (s.example() == null) continue;
      String source = Files.readString(Path.of("..").resolve(s.example()));
      assertTrue(source.startsWith("package io.jgrad.examples;\n\n"), s.example());
      assertEquals(source.substring("package io.jgrad.examples;\n\n".length()), s.code(),
          "README snippet of " + s.example() + " differs from the file: copy the file into the README");
      examples++;
    }
    assertTrue(examples >= 1, "no README snippet is marked <!-- example: ... -->");
  }

  @Test
  void everySnippetNamesItsImports() throws IOException {
    List<Snippet> all = snippets();
    assertTrue(all.size() >= 6, "README java snippets: " + all.size());
    Pattern used = Pattern.compile("(?:\\bnew |\\b(?<![.\\w])|<)([A-Z][A-Za-z0-9]*)(?=[.<( ]|\\b)");
    for (Snippet s : all) {
      Set<String> imported = new TreeSet<>();
      StringBuilder body = new StringBuilder();
      for (String line : s.code().split("\n")) {
        if (line.startsWith("import ")) imported.add(line.substring(line.lastIndexOf('.') + 1, line.length() - 1));
        else body.append(line.replaceAll("//.*", "").replaceAll("\"[^\"]*\"", "\"\"")).append('\n');
      }
      assertTrue(!imported.isEmpty(), "a README snippet without imports:\n" + s.code());
      Set<String> missing = new TreeSet<>();
      Matcher m = used.matcher(body.toString().replaceAll("(?s)/\\*.*?\\*/", ""));
      while (m.find()) {
        String t = m.group(1);
        if (t.length() > 1 && !t.equals(t.toUpperCase()) && !imported.contains(t) && !JAVA_LANG.contains(t)
            && !declaredIn(body.toString(), t)) {
          missing.add(t);
        }
      }
      assertTrue(missing.isEmpty(), "README snippet uses " + missing + " without importing them:\n" + s.code());
    }
  }

  /** A type the snippet declares itself (a class or record). */
  static boolean declaredIn(String body, String type) {
    return Pattern.compile("\\b(class|record|interface|enum) " + type + "\\b").matcher(body).find();
  }
}

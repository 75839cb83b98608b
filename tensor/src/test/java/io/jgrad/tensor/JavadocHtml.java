package io.jgrad.tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Javadoc mistakes that make the javadoc tool fail (and so {@code ./mvnw package}, which
 * builds the Javadoc jars), found in a second by each module's {@code JavadocHtmlTest}: a bare
 * {@code <} that does not open a tag ({@code a < b}, {@code x <= 1}) and a bare {@code &} that
 * does not start an entity, outside {@code {@code ...}} and {@code {@literal ...}}. Write
 * {@code &lt;}, {@code &amp;} or put the formula in {@code {@code ...}}. Only the comments the
 * javadoc tool reads are checked, as near as a scan can tell: in a file whose top-level type is
 * public, those before a public or protected declaration, an enum constant, a member of a public
 * interface, and package-info.java.
 */
public final class JavadocHtml {
  private JavadocHtml() {}

  /** "file:line: text" for every problem in the Java sources under {@code root}. */
  public static List<String> problems(Path root) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) check(f, Files.readString(f), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static final java.util.regex.Pattern TOP = java.util.regex.Pattern.compile(
      "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(class|interface|enum|record|@interface)\\b");
  private static final java.util.regex.Pattern ENUM_CONSTANT = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*\\s*[,;(]");

  static void check(Path file, String src, List<String> out) {
    boolean packageInfo = file.getFileName().toString().equals("package-info.java");
    java.util.regex.Matcher top = TOP.matcher(src);
    if (!packageInfo && !top.find()) return;   // not a public type: javadoc skips it
    boolean publicInterface = !packageInfo && top.group(1).contains("interface");
    int i = 0;
    while ((i = src.indexOf("/**", i)) >= 0) {
      int end = src.indexOf("*/", i + 3);
      if (end < 0) return;
      String decl = declarationAfter(src, end + 2);
      boolean documented = packageInfo || decl.matches("(?s).*\\b(public|protected)\\b.*")
          || ENUM_CONSTANT.matcher(decl).lookingAt() || publicInterface && !decl.matches("(?s).*\\bprivate\\b.*");
      if (!documented) {
        i = end;
        continue;
      }
      int depth = 0;   // inside {@code ...} / {@literal ...}, counting nested braces
      for (int k = i + 3; k < end; k++) {
        char c = src.charAt(k);
        if (depth == 0 && (src.startsWith("{@code", k) || src.startsWith("{@literal", k))) {
          depth = 1;
          continue;
        }
        if (depth > 0) {
          if (c == '{') depth++;
          else if (c == '}') depth--;
          continue;
        }
        boolean bad = c == '<' && (k + 1 >= end || !(Character.isLetter(src.charAt(k + 1)) || "/!".indexOf(src.charAt(k + 1)) >= 0))
            || c == '&' && !src.substring(k, Math.min(end, k + 10)).matches("(?s)&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);.*");
        if (bad) {
          int line = (int) src.substring(0, k).chars().filter(ch -> ch == '\n').count() + 1;
          int ls = src.lastIndexOf('\n', k) + 1, le = src.indexOf('\n', k);
          out.add(file + ":" + line + ": bare '" + c + "' in Javadoc (write " + (c == '<' ? "&lt;" : "&amp;")
              + " or {@code ...}): " + src.substring(ls, le < 0 ? src.length() : le).strip());
        }
      }
      i = end;
    }
  }

  /** The declaration header after a comment: annotations skipped, up to its first { ; = or (. */
  static String declarationAfter(String src, int from) {
    String rest = src.substring(from).stripLeading();
    while (rest.startsWith("@")) {
      int k = 1;
      while (k < rest.length() && (Character.isJavaIdentifierPart(rest.charAt(k)) || rest.charAt(k) == '.')) k++;
      if (k < rest.length() && rest.charAt(k) == '(') k = rest.indexOf(')', k) + 1;
      rest = rest.substring(Math.max(k, 1)).stripLeading();
    }
    int stop = rest.length();
    for (char c : new char[] {'{', ';', '=', '('}) {
      int k = rest.indexOf(c);
      if (k >= 0 && k < stop) stop = k + 1;
    }
    return rest.substring(0, stop);
  }
}

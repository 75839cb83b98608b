package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** jgrad-bom lists every published module at the build's version; this pom imports it at that version. */
class BomTest {
  static final Path ROOT = Path.of("..");

  static String first(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    assertTrue(m.find(), tag);
    return m.group(1).trim();
  }

  static List<String> all(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    List<String> r = new ArrayList<>();
    while (m.find()) r.add(m.group(1).trim());
    return r;
  }

  /** The pom without its parent block, so the first artifactId and version are the project's own. */
  static String own(Path pom) throws IOException {
    return Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "").replaceAll("(?s)<!--.*?-->", "");
  }

  @Test
  void everyModuleIsInTheBomAtTheBuildsVersion() throws IOException {
    String parent = own(ROOT.resolve("pom.xml"));
    String version = first(parent, "version");
    String bom = own(ROOT.resolve("bom/pom.xml"));
    assertEquals("jgrad-bom", first(bom, "artifactId"));
    assertEquals(version, first(bom, "version"), "bom/pom.xml's version must follow the parent's");
    List<String> listed = all(bom.substring(bom.indexOf("<dependencyManagement>")), "artifactId");
    List<String> modules = all(parent, "module");
    assertTrue(modules.containsAll(List.of("bom", "tensor", "nn", "examples")), modules.toString());
    for (String module : modules) {
      if (module.equals("bom") || module.equals("examples")) continue;
      String artifact = first(own(ROOT.resolve(module).resolve("pom.xml")), "artifactId");
      assertTrue(listed.contains(artifact), "jgrad-bom does not list " + artifact + " (module " + module + ")");
    }
    assertEquals(modules.size() - 2, listed.size(), "the BOM lists exactly the published modules: " + listed);
    assertEquals(version, first(own(Path.of("pom.xml")), "jgrad.version"), "examples/pom.xml imports the BOM at the build's version");
  }
}

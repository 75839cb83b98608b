package io.jgrad.cli.demo;

import java.util.List;

/**
 * A family's demonstrations, found with {@link java.util.ServiceLoader}: list the class (one
 * line) in {@code cli/src/main/resources/META-INF/services/io.jgrad.cli.demo.DemoProvider}.
 */
public interface DemoProvider {
  List<Demo> demos();
}

package io.jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generated tabular CSV files for the command-line tests: three penguin-like species told apart
 * by two small features ({@code ratio}, {@code score}, below 1) next to an uninformative one in
 * the thousands ({@code income}) and uniform noise; the label, a species name, is the last column.
 */
final class TabularCsv {
  static final String HEADER = "income,ratio,score,noise,species";
  static final String[] SPECIES = {"adelie", "chinstrap", "gentoo"};

  private TabularCsv() {}

  static String rows(int n, long seed, boolean header) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(header ? HEADER + "\n" : "");
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      double income = 1000 + 8000 * r.nextDouble();
      double ratio = new double[] {0.2, 0.5, 0.8}[c] + 0.06 * r.nextGaussian();
      double score = new double[] {0.7, 0.3, 0.6}[c] + 0.06 * r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.2f,%.4f,%.4f,%.4f,%s%n", income, ratio, score, r.nextDouble(), SPECIES[c]));
    }
    return sb.toString();
  }

  static Path write(Path file, int n, long seed, boolean header) throws IOException {
    Files.writeString(file, rows(n, seed, header));
    return file;
  }
}

package io.jgrad.tensor;

import java.util.Arrays;

/**
 * A parsed einsum equation checked against its operands: the subscripts of each input, the
 * output subscripts (explicit after "->", else the letters seen once, alphabetically), and
 * the size of every letter (sizes must agree, or be 1 and broadcast, as in torch).
 */
final class EinsumEquation {
  final String[] inputs;
  final String output;
  private final int[] size = new int[128];

  private EinsumEquation(String[] inputs, String output) {
    this.inputs = inputs;
    this.output = output;
  }

  static EinsumEquation parse(String equation, Tensor[] operands) {
    String eq = equation.replace(" ", "");
    if (operands.length == 0) throw error(equation, operands, "at least one operand is required");
    if (eq.contains("...")) throw error(equation, operands, "ellipsis '...' is not supported");
    int arrow = eq.indexOf("->");
    String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
    String[] inputs = lhs.split(",", -1);
    if (inputs.length != operands.length) {
      throw error(equation, operands, inputs.length + " operand subscripts for " + operands.length + " operands");
    }
    DType dtype = operands[0].dtype();
    for (Tensor t : operands) {
      if (t.dtype() != dtype) {
        throw error(equation, operands, "operands must have the same dtype, got " + dtype + " and " + t.dtype());
      }
      if (!t.device().equals(operands[0].device())) {
        throw error(equation, operands, "expected same device, got " + operands[0].device() + " and " + t.device());
      }
    }
    if (dtype.isBool()) throw error(equation, operands, "bool operands are not supported");
    String output = arrow < 0 ? implicitOutput(inputs) : eq.substring(arrow + 2);
    EinsumEquation e = new EinsumEquation(inputs, output);
    e.checkSizes(equation, operands);
    e.checkOutput(equation, operands);
    return e;
  }

  private void checkSizes(String equation, Tensor[] operands) {
    Arrays.fill(size, -1);
    for (int t = 0; t < inputs.length; t++) {
      String sub = inputs[t];
      if (sub.length() != operands[t].dim()) {
        throw error(equation, operands, "operand " + t + " has " + operands[t].dim() + " dims but subscripts '"
            + sub + "' name " + sub.length());
      }
      int[] seen = new int[128];
      Arrays.fill(seen, -1);
      for (int d = 0; d < sub.length(); d++) {
        char c = sub.charAt(d);
        if (!Character.isLetter(c) || c >= 128) throw error(equation, operands, "invalid subscript '" + c + "'");
        int s = operands[t].size(d);
        if (seen[c] >= 0 && seen[c] != s) {
          throw error(equation, operands, "subscript " + c + " is repeated for operand " + t
              + " but the sizes don't match, " + seen[c] + " != " + s);
        }
        seen[c] = s;
        if (size[c] < 0 || size[c] == 1) size[c] = s;
        else if (s != 1 && s != size[c]) {
          throw error(equation, operands, "subscript " + c + " has size " + s + " for operand " + t
              + " which does not broadcast with previously seen size " + size[c]);
        }
      }
    }
  }

  private void checkOutput(String equation, Tensor[] operands) {
    for (int i = 0; i < output.length(); i++) {
      char c = output.charAt(i);
      if (c >= 128 || !Character.isLetter(c)) throw error(equation, operands, "invalid output subscript '" + c + "'");
      if (output.indexOf(c) != i) throw error(equation, operands, "output subscript " + c + " appears more than once");
      if (size[c] < 0) {
        throw error(equation, operands, "output subscript " + c + " does not appear in any input operand");
      }
    }
  }

  /** Letters that appear exactly once over all inputs, alphabetically (torch's implicit mode). */
  private static String implicitOutput(String[] inputs) {
    int[] count = new int[128];
    for (String s : inputs) for (char c : s.toCharArray()) if (c < 128) count[c]++;
    StringBuilder out = new StringBuilder();
    for (char c = 'A'; c <= 'z'; c++) if (count[c] == 1) out.append(c);
    return out.toString();
  }

  int[] sizes(String labels) {
    int[] s = new int[labels.length()];
    for (int i = 0; i < s.length; i++) s[i] = size[labels.charAt(i)];
    return s;
  }

  int numel(CharSequence labels) { return Shapes.numel(sizes(labels.toString())); }

  private static IllegalArgumentException error(String equation, Tensor[] operands, String what) {
    StringBuilder shapes = new StringBuilder();
    for (Tensor t : operands) shapes.append(shapes.length() == 0 ? "" : ", ").append(Shapes.str(t.shape()));
    return new IllegalArgumentException("einsum: " + what + " (equation '" + equation + "', operand shapes "
        + shapes + ")");
  }
}

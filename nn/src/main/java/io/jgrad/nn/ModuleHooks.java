package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The forward hooks of one module: pre-hooks (may replace the inputs) and hooks (may replace the
 * output), run in registration order by {@link Module#call}. Lists are copy-on-write, so a hook may
 * remove itself (or register another) while they run; the change applies from the next call.
 */
final class ModuleHooks {
  private final List<ForwardPreHook> pre = new CopyOnWriteArrayList<>();
  private final List<ForwardHook> post = new CopyOnWriteArrayList<>();

  boolean isEmpty() { return pre.isEmpty() && post.isEmpty(); }

  HookHandle addPre(ForwardPreHook hook) {
    if (hook == null) throw new IllegalArgumentException("registerForwardPreHook: hook is null");
    ForwardPreHook h = (m, in) -> hook.onForward(m, in); // a distinct object: the handle removes this registration only
    pre.add(h);
    return () -> pre.remove(h);
  }

  HookHandle addPost(ForwardHook hook) {
    if (hook == null) throw new IllegalArgumentException("registerForwardHook: hook is null");
    ForwardHook h = (m, in, out) -> hook.onForward(m, in, out);
    post.add(h);
    return () -> post.remove(h);
  }

  Tensor[] before(Module m, Tensor[] inputs) {
    for (ForwardPreHook h : pre) {
      Tensor[] r = h.onForward(m, inputs.clone());
      if (r != null) inputs = r.clone();
    }
    return inputs;
  }

  Tensor after(Module m, Tensor[] inputs, Tensor output) {
    for (ForwardHook h : post) {
      Tensor r = h.onForward(m, inputs.clone(), output);
      if (r != null) output = r;
    }
    return output;
  }
}

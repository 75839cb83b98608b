"""Golden cases of the dense_regression family (gen_catalog_dense_regression.py):
bermanmaxim/LovaszSoftmax.
"""
import torch
import torch.nn.functional as F

from catalog_dense_regression.common import D, S, g, rn


# ---- bermanmaxim/LovaszSoftmax ---------------------------------------------------------------
def lovasz_grad(gt_sorted):
    p = len(gt_sorted)
    gts = gt_sorted.sum()
    intersection = gts - gt_sorted.cumsum(0)
    union = gts + (1 - gt_sorted).cumsum(0)
    jaccard = 1.0 - intersection / union
    if p > 1:
        jaccard[1:p] = jaccard[1:p] - jaccard[0:-1]
    return jaccard


def ref_mean(values, empty=0):
    values = list(values)
    if not values:
        return empty
    acc = values[0]
    for x in values[1:]:
        acc = acc + x
    return acc / len(values)


def lovasz_softmax_flat(probas, labels, classes="present"):
    if probas.numel() == 0:
        return probas.sum() * 0.0
    c_count = probas.size(1)
    losses = []
    class_to_sum = list(range(c_count)) if classes in ["all", "present"] else classes
    for c in class_to_sum:
        fg = (labels == c).to(probas.dtype)
        if classes == "present" and fg.sum() == 0:
            continue
        class_pred = probas[:, 0] if c_count == 1 else probas[:, c]
        errors = (fg - class_pred).abs()
        errors_sorted, perm = torch.sort(errors, dim=0, descending=True, stable=True)
        losses.append(torch.dot(errors_sorted, lovasz_grad(fg[perm])))
    out = ref_mean(losses)
    return out if torch.is_tensor(out) else probas.sum() * 0.0


def flatten_probas(probas, labels, ignore=None):
    c = probas.size(1)
    probas = probas.movedim(1, -1).reshape(-1, c)
    labels = labels.reshape(-1)
    if ignore is None:
        return probas, labels
    valid = labels != ignore
    return probas[valid], labels[valid]


def lovasz_softmax(probas, labels, classes="present", per_image=False, ignore=None):
    if per_image:
        return ref_mean(lovasz_softmax_flat(*flatten_probas(p.unsqueeze(0), l.unsqueeze(0), ignore), classes=classes)
                        for p, l in zip(probas, labels))
    return lovasz_softmax_flat(*flatten_probas(probas, labels, ignore), classes=classes)


def lovasz_hinge_flat(logits, labels):
    if len(labels) == 0:
        return logits.sum() * 0.0
    signs = 2.0 * labels.to(logits.dtype) - 1.0
    errors = 1.0 - logits * signs
    errors_sorted, perm = torch.sort(errors, dim=0, descending=True, stable=True)
    return torch.dot(F.relu(errors_sorted), lovasz_grad(labels[perm].to(logits.dtype)))


def lovasz_hinge(logits, labels, per_image=True, ignore=None):
    def flat(lg, lb):
        lg, lb = lg.reshape(-1), lb.reshape(-1)
        if ignore is None:
            return lg, lb
        valid = lb != ignore
        return lg[valid], lb[valid]
    if per_image:
        return ref_mean(lovasz_hinge_flat(*flat(lg.unsqueeze(0), lb.unsqueeze(0))) for lg, lb in zip(logits, labels))
    return lovasz_hinge_flat(*flat(logits, labels))


def lov_args(classes, per_image, ignore, mode="softmax"):
    return dict(mode=mode, classes=classes, per_image=per_image, ignore_index=-100 if ignore is None else ignore)


def add_lovasz():
    """Cases of: bermanmaxim/LovaszSoftmax"""
    for dt in (D, S):
        for classes in ("present", "all", "0;2"):
            for per_image in (False, True):
                for ignore in (None, 255):
                    x = rn(2, 3, 4, 4, dtype=dt)
                    t = torch.randint(0, 2, (2, 4, 4))  # class 2 absent: 'present' skips it, 'all' keeps it
                    t[1, 0, :2] = 2
                    if ignore is not None:
                        t[0, 1, 1:3] = ignore
                    cl = [0, 2] if classes == "0;2" else classes
                    g.grad("lovasz_softmax_loss", "lovaszSoftmax", [x, t], lambda x, t, cl=cl, pi=per_image, ig=ignore:
                           lovasz_softmax(torch.softmax(x, 1), t, cl, pi, ig), lov_args(classes, per_image, ignore), diff=[0])
        for per_image in (True, False):
            for ignore in (None, 255):
                x = rn(3, 4, 5, dtype=dt) * 2
                t = torch.randint(0, 2, (3, 4, 5))
                if ignore is not None:
                    t[1, :, 1] = ignore
                g.grad("lovasz_softmax_loss", "lovaszHinge", [x, t], lambda x, t, pi=per_image, ig=ignore:
                       lovasz_hinge(x, t, pi, ig), lov_args("present", per_image, ignore, "hinge"), diff=[0])
    # ties (stable sort on both sides), every pixel ignored, one channel (sigmoid), a batch of one
    xt = torch.tensor([[[[0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 1.0]]]], dtype=D)
    tt = torch.tensor([[[0, 1], [1, 0]]])
    g.grad("lovasz_softmax_loss", "lovaszSoftmax", [xt, tt], lambda x, t: lovasz_softmax(torch.softmax(x, 1), t),
           lov_args("present", False, None), diff=[0], note="tied errors")
    xh = torch.tensor([[0.5, 0.5, -0.5, 0.5, 2.0]], dtype=D)
    th = torch.tensor([[1, 0, 1, 1, 0]])
    g.grad("lovasz_softmax_loss", "lovaszHinge", [xh, th], lambda x, t: lovasz_hinge(x, t, True, None),
           lov_args("present", True, None, "hinge"), diff=[0], note="tied errors")
    xa = rn(2, 3, 2, 2)
    ta = torch.full((2, 2, 2), 255)
    g.grad("lovasz_softmax_loss", "lovaszSoftmax", [xa, ta], lambda x, t: lovasz_softmax(torch.softmax(x, 1), t, "present",
                                                                                          False, 255),
           lov_args("present", False, 255), diff=[0], note="every pixel ignored: 0")
    x1c = rn(2, 1, 3, 3)
    t1c = torch.randint(0, 2, (2, 3, 3))
    g.grad("lovasz_softmax_loss", "lovaszSoftmax", [x1c, t1c], lambda x, t: lovasz_softmax(torch.sigmoid(x), t, [1], False, None),
           lov_args("1", False, None), diff=[0], note="one channel: the reference needs classes=[1]")
    xo, to = rn(1, 4, 3, 3), torch.randint(0, 4, (1, 3, 3))
    g.grad("lovasz_softmax_loss", "lovaszSoftmax", [xo, to], lambda x, t: lovasz_softmax(torch.softmax(x, 1), t, "present", True),
           lov_args("present", True, None), diff=[0], note="batch of one")

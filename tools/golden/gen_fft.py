"""Golden values for the spectral ops (tensor/src/test/resources/golden/fft.json).

torch.fft.fft/ifft/rfft/irfft/fft2/ifft2 and torch.stft/istft, with complex tensors written
as torch.view_as_real pairs (jgrad's representation). Ops are named after the Java methods of
io.jgrad.tensor.Fft: "fft"/"ifft"/"fft2"/"ifft2" take real inputs, "...Complex" take pairs.
Lengths 1, 2, 3, 5, 7, 8, 12, 16, 17, 97, 100, 128, 257, 1000, 1024; batched and non-contiguous
inputs, every norm, n padding and truncation, dims other than the last, float32 and float64;
stft/istft over center, pad modes, windows, normalized, onesided, winLength < nFft, and the
istft(stft(x)) round trip; complex signals (stftComplex, istft return_complex=True); hann and
hamming windows. Args: n = -1 stands for None.

Run: /usr/bin/python3 tools/golden/gen_fft.py
"""
import torch

from golden import Golden, Input

g = Golden("fft")
f32, f64 = torch.float32, torch.float64
LENGTHS = [1, 2, 3, 5, 7, 8, 12, 16, 17, 97, 100, 128, 257, 1000, 1024]


def rn(*shape, dtype=f64):
    return torch.randn(shape, dtype=f64).to(dtype)


def cplx(t):
    return torch.complex(t[..., 0], t[..., 1])


def vr(z):
    return torch.view_as_real(z.resolve_conj()).contiguous()


def one_d(op, inp, n=None, dim=-1, norm=None, note=None):
    t = inp.tensor() if isinstance(inp, Input) else inp
    args = {"n": -1 if n is None else n, "dim": dim, "norm": norm}
    if op == "fft":
        out = vr(torch.fft.fft(t, n, dim, norm))
    elif op == "ifft":
        out = vr(torch.fft.ifft(t, n, dim, norm))
    elif op == "rfft":
        out = vr(torch.fft.rfft(t, n, dim, norm))
    elif op == "fftComplex":
        out = vr(torch.fft.fft(cplx(t), n, dim, norm))
    elif op == "ifftComplex":
        out = vr(torch.fft.ifft(cplx(t), n, dim, norm))
    elif op == "irfft":
        out = torch.fft.irfft(cplx(t), n, dim, norm)
    else:
        raise ValueError(op)
    g.add(op, [inp], [out], args, note)


# every length, both dtypes, the default arguments
for n in LENGTHS:
    for dt in (f64, f32) if n <= 128 else (f64,):
        one_d("fft", rn(n, dtype=dt))
        if n != 1000:
            one_d("fftComplex", rn(n, 2, dtype=dt))
        one_d("rfft", rn(n, dtype=dt))
    if n < 1000:
        one_d("ifftComplex", rn(n, 2))
        one_d("irfft", rn(n // 2 + 1, 2), n=n, note="odd n given explicitly" if n % 2 else None)
one_d("ifftComplex", rn(3, 100, 2))
one_d("irfft", rn(513, 2), n=1024)
one_d("rfft", rn(1024, dtype=f32), note="float32 long")

# every norm for every op
for norm in ("backward", "ortho", "forward"):
    for op in ("fft", "ifft", "rfft"):
        one_d(op, rn(3, 12), norm=norm)
        one_d(op, rn(2, 17), norm=norm)
    for op in ("fftComplex", "ifftComplex"):
        one_d(op, rn(3, 10, 2), norm=norm)
        one_d(op, rn(2, 97, 2), norm=norm)
    one_d("irfft", rn(3, 7, 2), norm=norm)
    one_d("irfft", rn(2, 9, 2), n=17, norm=norm)

# n padding / truncation, default irfft length
for op in ("fft", "ifft", "rfft"):
    one_d(op, rn(4, 10), n=16, note="zero-padded")
    one_d(op, rn(4, 10), n=7, note="truncated")
    one_d(op, rn(2, 5), n=1)
for op in ("fftComplex", "ifftComplex"):
    one_d(op, rn(3, 6, 2), n=13, note="zero-padded")
    one_d(op, rn(3, 20, 2), n=5, note="truncated")
one_d("irfft", rn(3, 9, 2), note="default n = 2(m-1) = 16")
one_d("irfft", rn(3, 9, 2), n=5, note="input truncated to n/2+1")
one_d("irfft", rn(3, 4, 2), n=20, note="input zero-padded to n/2+1")
one_d("irfft", rn(2, 2, 2), note="default n = 2")

# dims other than the last, batched, non-contiguous
one_d("fft", rn(5, 3, 4), dim=0)
one_d("fft", rn(2, 7, 3), dim=1, n=9)
one_d("rfft", rn(6, 5, 2), dim=-2)
one_d("ifft", rn(3, 8, 2), dim=1)
one_d("fftComplex", rn(7, 3, 2), dim=0)
one_d("fftComplex", rn(2, 5, 3, 2), dim=1)
one_d("ifftComplex", rn(4, 6, 3, 2), dim=-2)
one_d("irfft", rn(2, 5, 3, 2), dim=1, n=8)
one_d("fft", Input(rn(6, 9), ["transpose", 0, 1]), note="transposed")
one_d("rfft", Input(rn(4, 20), ["slice", 1, 1, 20, 2]), note="strided slice")
one_d("fft", Input(rn(1, 12), ["expand", [3, 12]]), note="expanded batch")
one_d("fftComplex", Input(rn(5, 4, 2), ["transpose", 0, 1]), note="transposed pairs")
one_d("ifftComplex", Input(rn(3, 16, 2), ["slice", 1, 0, 16, 3]), note="strided pairs")
one_d("irfft", Input(rn(7, 3, 2), ["transpose", 0, 1]), n=12, note="transposed pairs")
one_d("rfft", rn(4, 128, dtype=f32), note="batch of 4")
one_d("fftComplex", Input(rn(257, 2, 2), ["transpose", 0, 1]), note="transposed batch, Bluestein")
one_d("rfft", rn(5, 12), dim=-1, note="odd batch: real pair packing leaves one row")
one_d("irfft", rn(3, 7, 2), n=12, note="odd batch for c2r pair packing")

# 2-D
for dt in (f64, f32):
    x = rn(2, 5, 6, dtype=dt)
    g.add("fft2", [x], [vr(torch.fft.fft2(x))], {"dims": [-2, -1], "norm": None})
g.add("fft2", [x := rn(4, 3, 5)], [vr(torch.fft.fft2(x, s=(6, 4), dim=(0, 2), norm="ortho"))],
      {"s": [6, 4], "dims": [0, 2], "norm": "ortho"})
g.add("fft2", [Input(x := rn(7, 8), ["transpose", 0, 1])], [vr(torch.fft.fft2(x.t(), norm="forward"))],
      {"dims": [-2, -1], "norm": "forward"})
z = rn(3, 4, 5, 2)
g.add("fft2Complex", [z], [vr(torch.fft.fft2(cplx(z)))], {"dims": [-2, -1], "norm": None})
g.add("fft2Complex", [z], [vr(torch.fft.fft2(cplx(z), s=(3, 7), dim=(1, 0)))], {"s": [3, 7], "dims": [1, 0], "norm": None})
g.add("ifft2", [x := rn(6, 5)], [vr(torch.fft.ifft2(x, norm="ortho"))], {"dims": [-2, -1], "norm": "ortho"})
g.add("ifft2Complex", [z], [vr(torch.fft.ifft2(cplx(z)))], {"dims": [-2, -1], "norm": None})
g.add("ifft2Complex", [z], [vr(torch.fft.ifft2(cplx(z), s=(2, 8), norm="forward"))],
      {"s": [2, 8], "dims": [-2, -1], "norm": "forward"})

# complex-number ops
z = rn(4, 3, 2)
z[1, 1] = 0
g.add("complex", [z[..., 0].contiguous(), z[..., 1].contiguous()], [z], {})
g.add("real", [z], [z[..., 0]], {})
g.add("imag", [Input(z, ["transpose", 0, 1])], [z.transpose(0, 1)[..., 1]], {})
g.add("abs", [z], [cplx(z).abs()], {})
g.add("angle", [z], [cplx(z).angle()], {})
z = rn(5, 2, dtype=f32)
g.add("abs", [z], [cplx(z).abs()], {})
g.add("angle", [z], [cplx(z).angle()], {})


# stft / istft
def window(kind, win, dt):
    if kind == "hann":
        return torch.hann_window(win, dtype=dt)
    if kind == "hamming":
        return torch.hamming_window(win, dtype=dt)
    return None


def stft_case(shape, n_fft, hop, win, kind, center, pad_mode, normalized, onesided, dt=f64, note=None):
    x = rn(*shape, dtype=dt)
    w = window(kind, win if win is not None else n_fft, dt)
    spec = torch.stft(x, n_fft, hop, win, w, center, pad_mode, normalized, onesided, return_complex=True)
    args = {"nFft": n_fft, "hop": hop, "win": win, "center": center, "padMode": pad_mode, "normalized": normalized,
            "onesided": onesided}
    g.add("stft", [x] + ([w] if w is not None else []), [vr(spec)], args, note)
    return x, w, spec, args


def istft_case(spec, n_fft, hop, win, w, center, normalized, onesided, length, note=None):
    y = torch.istft(spec, n_fft, hop, win, w, center, normalized, onesided, length)
    args = {"nFft": n_fft, "hop": hop, "win": win, "center": center, "normalized": normalized, "onesided": onesided,
            "length": length}
    g.add("istft", [vr(spec)] + ([w] if w is not None else []), [y], args, note)


for center in (True, False):
    for mode in ("reflect", "constant", "replicate", "circular") if center else ("reflect",):
        for kind in ("hann", None):
            stft_case([2, 32], 16, 4, None, kind, center, mode, False, None)
stft_case([50], 12, 3, 8, "hann", True, "reflect", False, None, note="winLength < nFft")
stft_case([50], 12, None, 7, None, True, "constant", False, None, note="default hop, odd winLength < nFft")
stft_case([2, 37], 10, 5, None, "hamming", True, "reflect", True, None, note="normalized")
stft_case([37], 9, 2, None, "hann", False, "reflect", False, False, note="two-sided, odd nFft")
stft_case([2, 64], 32, 8, None, "hann", True, "reflect", True, True, dt=f32, note="float32")
stft_case([150], 64, 32, 50, "hann", True, "reflect", False, None, note="longer signal")
stft_case([30], 30, 7, None, None, False, "reflect", False, None, note="one frame")

for center in (True, False):
    for kind in ("hann", None) if center else (None, "hamming"):
        for normalized in (False, True):
            x, w, spec, a = stft_case([2, 60], 16, 4, None, kind, center, "reflect", normalized, None)
            istft_case(spec, 16, 4, None, w, center, normalized, None, None)
x, w, spec, a = stft_case([45], 12, 3, 10, "hann", True, "reflect", False, None, note="for istft, winLength < nFft")
istft_case(spec, 12, 3, 10, w, True, False, None, None, note="winLength < nFft")
istft_case(spec, 12, 3, 10, w, True, False, None, 45, note="length = original")
istft_case(spec, 12, 3, 10, w, True, False, None, 30, note="length shorter")
istft_case(spec, 12, 3, None, None, True, False, None, 60, note="length longer: zero tail")
x, w, spec, a = stft_case([2, 33], 9, 3, None, "hann", True, "reflect", False, False, note="two-sided for istft")
istft_case(spec, 9, 3, None, w, True, False, False, None, note="two-sided")
x, w, spec, a = stft_case([40], 16, 4, None, "hann", True, "reflect", False, None, dt=f32, note="float32 for istft")
istft_case(spec, 16, 4, None, w, True, False, None, None, note="float32")
istft_case(torch.complex(rn(2, 9, 6), rn(2, 9, 6)), 16, 4, None, torch.hann_window(16, dtype=f64), True, False, None,
           None, note="arbitrary (inconsistent) spectrum")

# istft(stft(x)) round trip: torch's own reconstruction
for (n_fft, hop, kind, center, length) in ((16, 4, "hann", True, 50), (20, 5, None, False, None), (32, 8, "hann", True, 101)):
    x = rn(2, length if length else 60)
    w = window(kind, n_fft, f64)
    spec = torch.stft(x, n_fft, hop, None, w, center, "reflect", False, None, return_complex=True)
    y = torch.istft(spec, n_fft, hop, None, w, center, False, None, length)
    g.add("stftRoundTrip", [x] + ([w] if w is not None else []), [y],
          {"nFft": n_fft, "hop": hop, "center": center, "length": length})

# complex signals: stftComplex (always two-sided) and istft(..., return_complex=True)
def stft_complex_case(shape, n_fft, hop, win, kind, center, mode, normalized, note=None):
    z = rn(*shape, 2)
    w = window(kind, win if win is not None else n_fft, f64)
    spec = torch.stft(cplx(z), n_fft, hop, win, w, center, mode, normalized, None, return_complex=True)
    g.add("stftComplex", [z] + ([w] if w is not None else []), [vr(spec)],
          {"nFft": n_fft, "hop": hop, "win": win, "center": center, "padMode": mode, "normalized": normalized}, note)
    return spec, w


for mode in ("reflect", "constant", "replicate", "circular"):
    stft_complex_case([2, 20], 8, 2, None, "hann", True, mode, False)
stft_complex_case([25], 9, 4, 6, None, False, "reflect", True, note="no center, winLength < nFft, normalized")
spec, w = stft_complex_case([2, 40], 16, 4, None, "hann", True, "reflect", False, note="for istft returnComplex")
for length in (None, 33):
    y = torch.istft(spec, 16, 4, None, w, True, False, False, length, return_complex=True)
    g.add("istft", [vr(spec), w], [vr(y)], {"nFft": 16, "hop": 4, "win": None, "center": True, "normalized": False,
                                             "onesided": False, "length": length, "returnComplex": True})
spec = torch.complex(rn(7, 5), rn(7, 5))
y = torch.istft(spec, 7, 2, None, None, False, True, None, None, return_complex=True)
g.add("istft", [vr(spec)], [vr(y)], {"nFft": 7, "hop": 2, "win": None, "center": False, "normalized": True,
                                     "onesided": None, "length": None, "returnComplex": True}, "default onesided, odd nFft")

# windows
for n in (0, 1, 2, 7, 16, 64):
    for periodic in (True, False):
        for dt in (f64, f32):
            g.add("hannWindow", [], [torch.hann_window(n, periodic, dtype=dt)],
                  {"n": n, "periodic": periodic, "dtype": "float64" if dt == f64 else "float32"})
            g.add("hammingWindow", [], [torch.hamming_window(n, periodic, dtype=dt)],
                  {"n": n, "periodic": periodic, "dtype": "float64" if dt == f64 else "float32"})

g.write()

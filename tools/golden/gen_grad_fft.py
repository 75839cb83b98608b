"""Golden gradients for the spectral ops (tensor/src/test/resources/golden/grad_fft.json).

Complex results are torch.view_as_real pairs, so GradGolden's losses (out.sum() and a random
weighted sum of the pairs) are real-valued losses of re and im. Ops are named after the Java
methods of io.jgrad.tensor.Fft; "fftAbs" (|fft(x)|) and "stftMag" (|stft(x)|, the
multi-resolution STFT loss's building block) are nonlinear, with double-backward values.
Inputs: float64 mostly, some float32; non-contiguous views; window gradients for stft/istft;
stftComplex and istft(return_complex=True) for complex signals.

Run: /usr/bin/python3 tools/golden/gen_grad_fft.py
"""
import torch

from golden import GradGolden, Input

g = GradGolden("grad_fft")
f32, f64 = torch.float32, torch.float64


def rn(*shape, dtype=f64):
    return torch.randn(shape, dtype=f64).to(dtype)


def cplx(t):
    return torch.complex(t[..., 0], t[..., 1])


def vr(z):
    return torch.view_as_real(z.resolve_conj())


def one_d(op, inp, n=None, dim=-1, norm=None, double=False, note=None):
    fns = {"fft": lambda t: vr(torch.fft.fft(t, n, dim, norm)),
           "ifft": lambda t: vr(torch.fft.ifft(t, n, dim, norm)),
           "rfft": lambda t: vr(torch.fft.rfft(t, n, dim, norm)),
           "irfft": lambda t: torch.fft.irfft(cplx(t), n, dim, norm),
           "fftComplex": lambda t: vr(torch.fft.fft(cplx(t), n, dim, norm)),
           "ifftComplex": lambda t: vr(torch.fft.ifft(cplx(t), n, dim, norm)),
           "fftAbs": lambda t: torch.fft.fft(t, n, dim, norm).abs()}
    g.add_grad(op, [inp], fns[op], {"n": -1 if n is None else n, "dim": dim, "norm": norm}, double=double, note=note)


for op in ("fft", "ifft", "rfft"):
    one_d(op, rn(3, 8))
    one_d(op, rn(2, 7), norm="ortho")
    one_d(op, rn(2, 17), norm="forward", note="Bluestein")
    one_d(op, rn(2, 6), n=9, note="zero-padded")
    one_d(op, rn(2, 10), n=5, note="truncated")
    one_d(op, rn(5, 3), dim=0)
    one_d(op, Input(rn(6, 4), ["transpose", 0, 1]), note="transposed")
    one_d(op, rn(2, 12, dtype=f32), note="float32")
one_d("rfft", rn(2, 1), note="n = 1")
for op in ("fftComplex", "ifftComplex"):
    one_d(op, rn(3, 8, 2))
    one_d(op, rn(2, 15, 2), norm="ortho")
    one_d(op, rn(2, 13, 2), norm="forward")
    one_d(op, rn(2, 19, 2), note="Bluestein")
    one_d(op, rn(2, 6, 2), n=10, note="zero-padded")
    one_d(op, rn(2, 9, 2), n=4, note="truncated")
    one_d(op, rn(4, 3, 2), dim=0)
    one_d(op, Input(rn(5, 3, 2), ["transpose", 0, 1]), note="transposed pairs")
    one_d(op, rn(2, 10, 2, dtype=f32), note="float32")
one_d("irfft", rn(3, 5, 2), note="default n = 8")
one_d("irfft", rn(3, 5, 2), n=9, note="odd n")
one_d("irfft", rn(2, 6, 2), n=4, note="input truncated")
one_d("irfft", rn(2, 4, 2), n=14, note="input zero-padded")
one_d("irfft", rn(2, 7, 2), norm="ortho")
one_d("irfft", rn(2, 9, 2), n=17, norm="forward", note="Bluestein")
one_d("irfft", rn(4, 3, 2), dim=0)
one_d("irfft", Input(rn(5, 3, 2), ["transpose", 0, 1]), n=6, note="transposed pairs")
one_d("irfft", rn(2, 1, 2), n=1, note="n = 1")
one_d("irfft", rn(2, 7, 2, dtype=f32), note="float32")
one_d("fftAbs", rn(3, 8), double=True)
one_d("fftAbs", rn(2, 17), norm="ortho", double=True, note="Bluestein")

# 2-D
x = rn(2, 4, 5)
g.add_grad("fft2", [x], lambda t: vr(torch.fft.fft2(t)), {"dims": [-2, -1], "norm": None})
g.add_grad("fft2", [rn(3, 4)], lambda t: vr(torch.fft.fft2(t, s=(5, 3), norm="ortho")),
           {"s": [5, 3], "dims": [-2, -1], "norm": "ortho"})
g.add_grad("ifft2", [rn(3, 4)], lambda t: vr(torch.fft.ifft2(t)), {"dims": [-2, -1], "norm": None})
g.add_grad("fft2Complex", [rn(3, 4, 2)], lambda t: vr(torch.fft.fft2(cplx(t), dim=(1, 0))),
           {"dims": [1, 0], "norm": None})
g.add_grad("ifft2Complex", [rn(2, 3, 5, 2)], lambda t: vr(torch.fft.ifft2(cplx(t), norm="forward")),
           {"dims": [-2, -1], "norm": "forward"})

# complex-number ops (inputs with magnitudes away from 0)
g.add_grad("abs", [rn(4, 3, 2)], lambda t: cplx(t).abs(), double=True)
g.add_grad("angle", [rn(4, 3, 2)], lambda t: cplx(t).angle(), double=True)
g.add_grad("complex", [rn(3, 4), rn(3, 4)], lambda a, b: vr(torch.complex(a, b)))
g.add_grad("real", [rn(3, 4, 2)], lambda t: t[..., 0])
g.add_grad("imag", [Input(rn(4, 3, 2), ["transpose", 0, 1])], lambda t: t[..., 1])


# stft / istft: gradients for the signal and the window
def stft_args(n_fft, hop, win, center, mode, normalized, onesided):
    return {"nFft": n_fft, "hop": hop, "win": win, "center": center, "padMode": mode, "normalized": normalized,
            "onesided": onesided}


def stft_grad(op, shape, n_fft, hop, win, window, center, mode, normalized, onesided, dt=f64, double=False, note=None):
    x = rn(*shape, dtype=dt)
    ws = [] if window is None else [window.to(dt)]
    post = (lambda z: z.abs()) if op == "stftMag" else vr
    fn = lambda t, *w: post(torch.stft(t, n_fft, hop, win, w[0] if w else None, center, mode, normalized, onesided,
                                       return_complex=True))
    g.add_grad(op, [x] + ws, fn, stft_args(n_fft, hop, win, center, mode, normalized, onesided), double=double,
               note=note)


hann = lambda n: torch.hann_window(n, dtype=f64) + 0.1
for mode in ("reflect", "constant", "replicate", "circular"):
    stft_grad("stft", [2, 24], 8, 2, None, hann(8), True, mode, False, None)
stft_grad("stft", [20], 8, 3, None, None, False, "reflect", False, None, note="no center, rectangular")
stft_grad("stft", [2, 21], 8, 4, 5, hann(5), True, "reflect", True, None, note="winLength < nFft, normalized")
stft_grad("stft", [19], 7, 2, None, hann(7), True, "reflect", False, False, note="two-sided, odd nFft")
stft_grad("stft", [2, 24], 8, 2, None, hann(8), True, "reflect", False, None, dt=f32, note="float32")
stft_grad("stftMag", [2, 24], 8, 2, None, hann(8), True, "reflect", False, None, double=True)
stft_grad("stftMag", [30], 12, 3, 9, hann(9), True, "reflect", True, None, double=True, note="winLength < nFft")


def istft_grad(spec_shape, n_fft, hop, win, window, center, normalized, onesided, length, note=None):
    z = rn(*spec_shape)
    ws = [] if window is None else [window]
    fn = lambda t, *w: torch.istft(cplx(t), n_fft, hop, win, w[0] if w else None, center, normalized, onesided, length)
    g.add_grad("istft", [z] + ws, fn, {"nFft": n_fft, "hop": hop, "win": win, "center": center,
                                        "normalized": normalized, "onesided": onesided, "length": length}, note=note)


istft_grad([2, 5, 9, 2], 8, 2, None, hann(8), True, False, None, None)
istft_grad([5, 7, 2], 8, 3, None, None, False, False, None, None, note="no center, rectangular")
istft_grad([2, 5, 9, 2], 8, 2, 6, hann(6), True, True, None, 15, note="winLength < nFft, normalized, length")
istft_grad([7, 6, 2], 7, 2, None, hann(7), True, False, False, None, note="two-sided")

# complex signals
z = rn(2, 20, 2)
g.add_grad("stftComplex", [z, hann(8)], lambda t, w: vr(torch.stft(cplx(t), 8, 2, None, w, True, "reflect", False, None,
                                                                 return_complex=True)),
           {"nFft": 8, "hop": 2, "win": None, "center": True, "padMode": "reflect", "normalized": False})
g.add_grad("istft", [rn(2, 8, 9, 2), hann(8)], lambda t, w: vr(torch.istft(cplx(t), 8, 2, None, w, True, True, False,
                                                                         None, return_complex=True)),
           {"nFft": 8, "hop": 2, "win": None, "center": True, "normalized": True, "onesided": False, "length": None,
            "returnComplex": True}, note="returnComplex")

g.write()

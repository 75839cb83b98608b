// emu.h - compiles the CUDA kernel sources as host C++ (g++ -std=c++20 -include emu.h -x c++ K.cu) so
// the tests can run them without a GPU: each CUDA thread of a block is a Java platform thread that
// calls the kernel through the FFM API; __syncthreads and the warp intrinsics are barriers over those
// threads. Shared memory is static storage (blocks run one at a time). Only for tests (CudaEmulator).
#pragma once
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <algorithm>

#define JGRAD_EMU 1
#define __global__ __attribute__((visibility("default")))
#define __device__
#define __host__
#define __forceinline__ inline
#define __noinline__
#define __shared__ static
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))

using std::isfinite;
using std::isinf;
using std::max;
using std::min;
using std::signbit;

struct EmuDim { unsigned x, y, z; };
inline thread_local unsigned emu_tid;
inline unsigned emu_b[3], emu_g[3], emu_bdim;
#define threadIdx (EmuDim{emu_tid, 0u, 0u})
#define blockIdx (EmuDim{emu_b[0], emu_b[1], emu_b[2]})
#define blockDim (EmuDim{emu_bdim, 1u, 1u})
#define gridDim (EmuDim{emu_g[0], emu_g[1], emu_g[2]})

struct EmuBarrier {
  std::mutex m;
  std::condition_variable cv;
  int n = 1, waiting = 0;
  long gen = 0;
  void wait() {
    std::unique_lock<std::mutex> l(m);
    long g = gen;
    if (++waiting == n) { waiting = 0; gen++; cv.notify_all(); }
    else cv.wait(l, [&] { return gen != g; });
  }
};
inline EmuBarrier emu_block_bar, emu_warp_bar[32];
inline unsigned long long emu_x[32][32];

extern "C" __attribute__((visibility("default"))) void emu_block(unsigned bx, unsigned by, unsigned bz,
    unsigned bdim, unsigned gx, unsigned gy, unsigned gz) {
  emu_b[0] = bx; emu_b[1] = by; emu_b[2] = bz;
  emu_g[0] = gx; emu_g[1] = gy; emu_g[2] = gz;
  emu_bdim = bdim;
  emu_block_bar.n = (int)bdim;
  for (unsigned w = 0; w < 32; w++) emu_warp_bar[w].n = (int)std::min(32u, bdim > 32 * w ? bdim - 32 * w : 1u);
}
extern "C" __attribute__((visibility("default"))) void emu_thread(unsigned t) { emu_tid = t; }

inline void __syncthreads() { emu_block_bar.wait(); }
inline void __syncwarp(unsigned = 0xffffffffu) { emu_warp_bar[emu_tid >> 5].wait(); }

template <typename T>
inline T __shfl_down_sync(unsigned, T v, unsigned d) {
  unsigned w = emu_tid >> 5, lane = emu_tid & 31;
  unsigned long long bits = 0;
  std::memcpy(&bits, &v, sizeof(T));
  emu_x[w][lane] = bits;
  emu_warp_bar[w].wait();
  unsigned src = lane + d < (unsigned)emu_warp_bar[w].n ? lane + d : lane;
  T r;
  unsigned long long got = emu_x[w][src];
  std::memcpy(&r, &got, sizeof(T));
  emu_warp_bar[w].wait();
  return r;
}
inline unsigned __ballot_sync(unsigned, int pred) {
  unsigned w = emu_tid >> 5, lane = emu_tid & 31;
  emu_x[w][lane] = pred ? 1 : 0;
  emu_warp_bar[w].wait();
  unsigned m = 0;
  for (int i = 0; i < emu_warp_bar[w].n; i++) if (emu_x[w][i]) m |= 1u << i;
  emu_warp_bar[w].wait();
  return m;
}
inline int __popc(unsigned v) { return __builtin_popcount(v); }
inline unsigned __umulhi(unsigned a, unsigned b) { return (unsigned)(((unsigned long long)a * b) >> 32); }
inline double __longlong_as_double(long long v) { double d; std::memcpy(&d, &v, 8); return d; }
inline long long __double_as_longlong(double v) { long long d; std::memcpy(&d, &v, 8); return d; }
inline int __float_as_int(float v) { int d; std::memcpy(&d, &v, 4); return d; }
inline float __fdiv_rn(float a, float b) { return a / b; }

template <typename T>
inline T atomicAdd(T* p, T v) { return std::atomic_ref<T>(*p).fetch_add(v); }
inline unsigned atomicOr(unsigned* p, unsigned v) { return std::atomic_ref<unsigned>(*p).fetch_or(v); }

struct alignas(16) float4 { float x, y, z, w; };
struct alignas(16) double2 { double x, y; };
inline float4 make_float4(float a, float b, float c, float d) { return float4{a, b, c, d}; }

// matmul.cu - batched out[b] = a[b] @ bm[b] for a [B,M,K], bm [B,K,N], out [B,M,N] with any strides.
// SGEMM/DGEMM: BMxBN block tiles, BK-deep slices double-buffered in shared memory (the next slice
// is fetched into registers while the current one is multiplied), TMxTN register tiles per thread,
// float4 global loads when a is k-contiguous / bm is n-contiguous and 16-byte aligned.
// Optional TF32 tensor-core SGEMM (wmma, sm_80+) selected by the host.
#include "common.cuh"
#ifndef JGRAD_EMU  // the host emulator of the tests has no tensor cores
#include <mma.h>
#endif

struct Strides3 { long long b; int r, c; };

template <typename T, int BM, int BN, int BK, int TM, int TN, bool VA, bool VB>
__device__ void gemm_tile(int M, int N, int K, const T* __restrict__ A, Strides3 sa, const T* __restrict__ B,
                          Strides3 sb, T* __restrict__ C, Strides3 sc, int batches) {
  constexpr int NT = (BM / TM) * (BN / TN);
  constexpr int LA = BM * BK / NT, LB = BK * BN / NT;
  static_assert(!VA || LA == 4, "float4 path of a needs 4 elements per thread");
  static_assert(!VB || LB == 4, "float4 path of bm needs 4 elements per thread");
  __shared__ __align__(16) T As[2][BK][BM + 4];
  __shared__ __align__(16) T Bs[2][BK][BN + 4];
  const int tid = threadIdx.x, ty = tid / (BN / TN), tx = tid % (BN / TN);
  const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
  for (int bt = blockIdx.z; bt < batches; bt += gridDim.z) {
    const T* a = A + bt * sa.b;
    const T* b = B + bt * sb.b;
    T* c = C + bt * sc.b;
    T ra[LA], rb[LB];
    auto fetch = [&](int k0) {
      if constexpr (VA) {
        int m = tid / (BK / 4), kq = (tid % (BK / 4)) * 4;
        float4 v = make_float4(0, 0, 0, 0);
        if (m0 + m < M && k0 + kq < K) v = *(const float4*)(a + (long long)(m0 + m) * sa.r + k0 + kq);
        ra[0] = v.x; ra[1] = v.y; ra[2] = v.z; ra[3] = v.w;
      } else {
#pragma unroll
        for (int e = 0; e < LA; e++) {
          int idx = tid + e * NT, m = idx / BK, k = idx % BK;
          ra[e] = (m0 + m < M && k0 + k < K) ? a[(long long)(m0 + m) * sa.r + (long long)(k0 + k) * sa.c] : (T)0;
        }
      }
      if constexpr (VB) {
        int k = tid / (BN / 4), nq = (tid % (BN / 4)) * 4;
        float4 v = make_float4(0, 0, 0, 0);
        if (k0 + k < K && n0 + nq < N) v = *(const float4*)(b + (long long)(k0 + k) * sb.r + n0 + nq);
        rb[0] = v.x; rb[1] = v.y; rb[2] = v.z; rb[3] = v.w;
      } else {
#pragma unroll
        for (int e = 0; e < LB; e++) {
          int idx = tid + e * NT, k = idx / BN, n = idx % BN;
          rb[e] = (k0 + k < K && n0 + n < N) ? b[(long long)(k0 + k) * sb.r + (long long)(n0 + n) * sb.c] : (T)0;
        }
      }
    };
    auto stash = [&](int buf) {
      if constexpr (VA) {
        int m = tid / (BK / 4), kq = (tid % (BK / 4)) * 4;
#pragma unroll
        for (int e = 0; e < 4; e++) As[buf][kq + e][m] = ra[e];
      } else {
#pragma unroll
        for (int e = 0; e < LA; e++) { int idx = tid + e * NT; As[buf][idx % BK][idx / BK] = ra[e]; }
      }
      if constexpr (VB) {
        int k = tid / (BN / 4), nq = (tid % (BN / 4)) * 4;
#pragma unroll
        for (int e = 0; e < 4; e++) Bs[buf][k][nq + e] = rb[e];
      } else {
#pragma unroll
        for (int e = 0; e < LB; e++) { int idx = tid + e * NT; Bs[buf][idx / BN][idx % BN] = rb[e]; }
      }
    };
    T acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; i++)
#pragma unroll
      for (int j = 0; j < TN; j++) acc[i][j] = 0;
    int tiles = (K + BK - 1) / BK, cur = 0;
    fetch(0);
    stash(0);
    __syncthreads();
    for (int t = 0; t < tiles; t++) {
      if (t + 1 < tiles) fetch((t + 1) * BK);
#pragma unroll
      for (int k = 0; k < BK; k++) {
        T xa[TM], xb[TN];
#pragma unroll
        for (int i = 0; i < TM; i++) xa[i] = As[cur][k][ty * TM + i];
#pragma unroll
        for (int j = 0; j < TN; j++) xb[j] = Bs[cur][k][tx * TN + j];
#pragma unroll
        for (int i = 0; i < TM; i++)
#pragma unroll
          for (int j = 0; j < TN; j++) acc[i][j] += xa[i] * xb[j];
      }
      if (t + 1 < tiles) stash(cur ^ 1);
      __syncthreads();
      cur ^= 1;
    }
#pragma unroll
    for (int i = 0; i < TM; i++) {
      int m = m0 + ty * TM + i;
      if (m >= M) continue;
#pragma unroll
      for (int j = 0; j < TN; j++) {
        int n = n0 + tx * TN + j;
        if (n < N) c[(long long)m * sc.r + (long long)n * sc.c] = acc[i][j];
      }
    }
  }
}

#define GEMM_ARGS int M, int N, int K, const T* A, Strides3 sa, const T* B, Strides3 sb, T* C, Strides3 sc, int batches
#define GEMM_PASS M, N, K, A, sa, B, sb, C, sc, batches

// 256 threads, 128x128 tiles, 8x8 per thread.
extern "C" __global__ void __launch_bounds__(256) sgemm_strided(int M, int N, int K, const float* A, Strides3 sa,
    const float* B, Strides3 sb, float* C, Strides3 sc, int batches) {
  gemm_tile<float, 128, 128, 8, 8, 8, false, false>(M, N, K, A, sa, B, sb, C, sc, batches);
}
extern "C" __global__ void __launch_bounds__(256) sgemm_vec(int M, int N, int K, const float* A, Strides3 sa,
    const float* B, Strides3 sb, float* C, Strides3 sc, int batches) {
  gemm_tile<float, 128, 128, 8, 8, 8, true, true>(M, N, K, A, sa, B, sb, C, sc, batches);
}
// 256 threads, 64x64 tiles, 4x4 per thread.
extern "C" __global__ void __launch_bounds__(256) dgemm_strided(int M, int N, int K, const double* A, Strides3 sa,
    const double* B, Strides3 sb, double* C, Strides3 sc, int batches) {
  gemm_tile<double, 64, 64, 8, 4, 4, false, false>(M, N, K, A, sa, B, sb, C, sc, batches);
}

// Integer products: one thread per output, 64-bit accumulation (INT32 wraps at the store, as the CPU).
template <typename T>
__device__ void imatmul(int M, int N, int K, const T* A, Strides3 sa, const T* B, Strides3 sb, T* C, Strides3 sc,
                        int batches) {
  long long total = (long long)batches * M * N;
  GRID_STRIDE(i, total) {
    int n = (int)(i % N);
    int m = (int)((i / N) % M);
    long long bt = i / ((long long)M * N);
    long long acc = 0;
    for (int k = 0; k < K; k++) {
      acc += (long long)A[bt * sa.b + (long long)m * sa.r + (long long)k * sa.c]
           * (long long)B[bt * sb.b + (long long)k * sb.r + (long long)n * sb.c];
    }
    C[bt * sc.b + (long long)m * sc.r + (long long)n * sc.c] = (T)acc;
  }
}
extern "C" __global__ void imatmul_i32(int M, int N, int K, const int* A, Strides3 sa, const int* B, Strides3 sb,
                                       int* C, Strides3 sc, int batches) {
  imatmul<int>(M, N, K, A, sa, B, sb, C, sc, batches);
}
extern "C" __global__ void imatmul_i64(int M, int N, int K, const long long* A, Strides3 sa, const long long* B,
                                       Strides3 sb, long long* C, Strides3 sc, int batches) {
  imatmul<long long>(M, N, K, A, sa, B, sb, C, sc, batches);
}

#ifndef JGRAD_EMU
// TF32 tensor cores (opt-in: -Djgrad.cuda.tf32=true): 128x128 block tile, 8 warps of 32x64, k-slices
// of 16 staged through shared memory as in the FP32 kernel (any strides, zero-padded edges).
extern "C" __global__ void __launch_bounds__(256) sgemm_tf32(int M, int N, int K, const float* A, Strides3 sa,
    const float* B, Strides3 sb, float* C, Strides3 sc, int batches) {
  using namespace nvcuda;
  constexpr int BM = 128, BN = 128, BK = 16, LDA = BK + 4, LDB = BN + 4, LDC = BN + 4;
  __shared__ __align__(32) float smem[BM * LDA + BK * LDB > BM * LDC / 2 ? BM * LDA + BK * LDB : BM * LDC / 2];
  float* As = smem;             // [BM][LDA], row-major m x k
  float* Bs = smem + BM * LDA;  // [BK][LDB], row-major k x n
  const int tid = threadIdx.x, warp = tid >> 5, wm = warp / 2, wn = warp % 2;  // 4 x 2 warps of 32 x 64
  const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
  for (int bt = blockIdx.z; bt < batches; bt += gridDim.z) {
    const float* a = A + bt * sa.b;
    const float* b = B + bt * sb.b;
    float* c = C + bt * sc.b;
    wmma::fragment<wmma::accumulator, 16, 16, 8, float> acc[2][4];
#pragma unroll
    for (int i = 0; i < 2; i++)
#pragma unroll
      for (int j = 0; j < 4; j++) wmma::fill_fragment(acc[i][j], 0.0f);
    for (int k0 = 0; k0 < K; k0 += BK) {
      for (int idx = tid; idx < BM * BK; idx += 256) {
        int m = idx / BK, k = idx % BK;
        As[m * LDA + k] = (m0 + m < M && k0 + k < K) ? a[(long long)(m0 + m) * sa.r + (long long)(k0 + k) * sa.c] : 0.f;
      }
      for (int idx = tid; idx < BK * BN; idx += 256) {
        int k = idx / BN, n = idx % BN;
        Bs[k * LDB + n] = (k0 + k < K && n0 + n < N) ? b[(long long)(k0 + k) * sb.r + (long long)(n0 + n) * sb.c] : 0.f;
      }
      __syncthreads();
#pragma unroll
      for (int kk = 0; kk < BK; kk += 8) {
        wmma::fragment<wmma::matrix_a, 16, 16, 8, wmma::precision::tf32, wmma::row_major> fa[2];
        wmma::fragment<wmma::matrix_b, 16, 16, 8, wmma::precision::tf32, wmma::row_major> fb[4];
#pragma unroll
        for (int i = 0; i < 2; i++) {
          wmma::load_matrix_sync(fa[i], As + (wm * 32 + i * 16) * LDA + kk, LDA);
#pragma unroll
          for (int e = 0; e < fa[i].num_elements; e++) fa[i].x[e] = wmma::__float_to_tf32(fa[i].x[e]);
        }
#pragma unroll
        for (int j = 0; j < 4; j++) {
          wmma::load_matrix_sync(fb[j], Bs + kk * LDB + wn * 64 + j * 16, LDB);
#pragma unroll
          for (int e = 0; e < fb[j].num_elements; e++) fb[j].x[e] = wmma::__float_to_tf32(fb[j].x[e]);
        }
#pragma unroll
        for (int i = 0; i < 2; i++)
#pragma unroll
          for (int j = 0; j < 4; j++) wmma::mma_sync(acc[i][j], fa[i], fb[j], acc[i][j]);
      }
      __syncthreads();
    }
    // Each warp stores its 32x64 result through shared memory (edges and strides handled here).
    float* Cs = smem;  // reused: 8 warps x [16][LDC/2]... one 16x16 tile at a time per warp
    float* mine = Cs + warp * 16 * 16;
#pragma unroll
    for (int i = 0; i < 2; i++)
#pragma unroll
      for (int j = 0; j < 4; j++) {
        wmma::store_matrix_sync(mine, acc[i][j], 16, wmma::mem_row_major);
        __syncwarp();
        for (int e = tid & 31; e < 256; e += 32) {
          int m = m0 + wm * 32 + i * 16 + e / 16, n = n0 + wn * 64 + j * 16 + e % 16;
          if (m < M && n < N) c[(long long)m * sc.r + (long long)n * sc.c] = mine[e];
        }
        __syncwarp();
      }
    __syncthreads();
  }
}
#endif  // JGRAD_EMU

// Batched matmul c[b] = a[b] @ bm[b]: a [B,M,K], bm [B,K,N], c [B,M,N], each operand with its own
// offset and 3 element strides (0 = broadcast batch), so transposed views need no copy.
// Tiled: a 16x16 work-group computes a 64x64 tile of c, each work-item a 4x4 register block
// (rows ty+16r, columns tx+16c, so neighbouring work-items read neighbouring local words).
// K advances in slices of 16 staged in local memory; out-of-range elements load as 0, so any
// M, N, K (K = 0 gives zeros) works without a padded copy. Compiled with ClTypes.define("T", dtype).

#define TS 64
#define TK 16
#define WPT 4

__kernel __attribute__((reqd_work_group_size(16, 16, 1)))
void matmul(__global const T* a, int ao, int as0, int as1, int as2,
            __global const T* b, int bo, int bs0, int bs1, int bs2,
            __global T* c, int co, int cs0, int cs1, int cs2,
            int M, int N, int K) {
  // +1 column: the A tile is stored k-fastest, and without padding its 16 k-rows would fall
  // into one local-memory bank (a 16-way conflict on every store).
  __local T As[TK][TS + 1];
  __local T Bs[TK][TS];
  const int tx = get_local_id(0), ty = get_local_id(1);
  const int n0 = get_group_id(0) * TS, m0 = get_group_id(1) * TS, batch = get_global_id(2);
  const int lid = ty * 16 + tx;
  a += ao + batch * as0;
  b += bo + batch * bs0;
  c += co + batch * cs0;
  T acc[WPT][WPT];
  for (int r = 0; r < WPT; r++)
    for (int q = 0; q < WPT; q++) acc[r][q] = 0;
  for (int k0 = 0; k0 < K; k0 += TK) {
    for (int l = 0; l < (TS * TK) / 256; l++) {
      const int idx = lid + l * 256;
      // A is read k-fastest, B n-fastest: the coalesced order for row-major operands.
      const int ak = idx % TK, am = idx / TK;
      const int gm = m0 + am, gka = k0 + ak;
      As[ak][am] = (gm < M && gka < K) ? a[gm * as1 + gka * as2] : (T) 0;
      const int bn = idx % TS, bk = idx / TS;
      const int gn = n0 + bn, gkb = k0 + bk;
      Bs[bk][bn] = (gn < N && gkb < K) ? b[gkb * bs1 + gn * bs2] : (T) 0;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
#pragma unroll
    for (int k = 0; k < TK; k++) {
      T ar[WPT], br[WPT];
#pragma unroll
      for (int r = 0; r < WPT; r++) ar[r] = As[k][ty + 16 * r];
#pragma unroll
      for (int q = 0; q < WPT; q++) br[q] = Bs[k][tx + 16 * q];
#pragma unroll
      for (int r = 0; r < WPT; r++)
#pragma unroll
        for (int q = 0; q < WPT; q++) acc[r][q] += ar[r] * br[q];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int r = 0; r < WPT; r++) {
    const int gm = m0 + ty + 16 * r;
    if (gm >= M) continue;
    for (int q = 0; q < WPT; q++) {
      const int gn = n0 + tx + 16 * q;
      if (gn < N) c[gm * cs1 + gn * cs2] = acc[r][q];
    }
  }
}

// The same product for CPU devices (pocl): no local memory and no barriers, each work-item a
// 4x4 block straight from global memory (the CPU caches do the tiling). On pocl this is 1.3-2.6x
// faster than the tiled kernel, whose barriers split every work-group into loops; on GPUs the
// tiled kernel is the one to use. Launched as (ceil(N/4), ceil(M/4), B) rounded up to 16x16.
__kernel __attribute__((reqd_work_group_size(16, 16, 1)))
void matmul_direct(__global const T* a, int ao, int as0, int as1, int as2,
                   __global const T* b, int bo, int bs0, int bs1, int bs2,
                   __global T* c, int co, int cs0, int cs1, int cs2,
                   int M, int N, int K) {
  const int n0 = get_global_id(0) * WPT, m0 = get_global_id(1) * WPT, batch = get_global_id(2);
  if (m0 >= M || n0 >= N) return;
  a += ao + batch * as0;
  b += bo + batch * bs0;
  c += co + batch * cs0;
  T acc[WPT][WPT];
  for (int r = 0; r < WPT; r++)
    for (int q = 0; q < WPT; q++) acc[r][q] = 0;
  if (m0 + WPT <= M && n0 + WPT <= N) {
    for (int k = 0; k < K; k++) {
      T ar[WPT], br[WPT];
#pragma unroll
      for (int r = 0; r < WPT; r++) ar[r] = a[(m0 + r) * as1 + k * as2];
#pragma unroll
      for (int q = 0; q < WPT; q++) br[q] = b[k * bs1 + (n0 + q) * bs2];
#pragma unroll
      for (int r = 0; r < WPT; r++)
#pragma unroll
        for (int q = 0; q < WPT; q++) acc[r][q] += ar[r] * br[q];
    }
  } else {
    // edge block: clamp the rows/columns read, write only the valid ones
    const int mr = min(WPT, M - m0), nq = min(WPT, N - n0);
    for (int k = 0; k < K; k++)
      for (int r = 0; r < mr; r++)
        for (int q = 0; q < nq; q++) acc[r][q] += a[(m0 + r) * as1 + k * as2] * b[k * bs1 + (n0 + q) * bs2];
  }
  for (int r = 0; r < WPT; r++) {
    if (m0 + r >= M) break;
    for (int q = 0; q < WPT; q++)
      if (n0 + q < N) c[(m0 + r) * cs1 + (n0 + q) * cs2] = acc[r][q];
  }
}

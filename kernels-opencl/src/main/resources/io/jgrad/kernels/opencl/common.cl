/* Prefixed to every kernel file of the OpenCL backend (see kernels-opencl/KERNELS.md). */
#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#define MAX_RANK 8

/* A strided view: element (i0..i{rank-1}) is at offset + sum(i_d * stride[d]); stride 0 broadcasts. */
typedef struct {
  int rank;
  int offset;
  int shape[MAX_RANK];
  int stride[MAX_RANK];
} view_t;

/* Element offset of the i-th element (0 <= i < numel), in row-major order over v.shape, of view v. */
inline int view_at(const view_t v, int i) {
  /* Most elementwise calls collapse to one dim: no division then. */
  if (v.rank == 1) return v.offset + i * v.stride[0];
  int off = v.offset;
  for (int d = v.rank - 1; d >= 0; d--) {
    int s = v.shape[d];
    off += (i % s) * v.stride[d];
    i /= s;
  }
  return off;
}

/* Number of elements of v. */
inline int view_numel(const view_t v) {
  int n = 1;
  for (int d = 0; d < v.rank; d++) n *= v.shape[d];
  return n;
}

/* Float to int as the CPU backend (x86): truncation, and the minimum when out of range or NaN. */
#define FP_TO_INT(x) (((x) >= -2147483648.0f && (x) < 2147483648.0f) ? (int)(x) : INT_MIN)
#define FP_TO_LONG(x) (((x) >= -9223372036854775808.0f && (x) < 9223372036854775808.0f) ? (long)(x) : LONG_MIN)

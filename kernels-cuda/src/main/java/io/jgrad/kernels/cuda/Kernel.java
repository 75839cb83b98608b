package io.jgrad.kernels.cuda;

/**
 * Every kernel the backend launches, with the module (the {@code .cu} file, hence the committed
 * {@code .ptx}/{@code .fatbin} resource) that defines it. KernelTableTest checks each one against
 * the {@code .entry} names of the committed PTX, so a renamed kernel fails without a GPU.
 */
enum Kernel {
  UNARY_STRIDED("elementwise", "unary_strided"),
  UNARY_F32_VEC("elementwise", "unary_f32_vec"),
  BINARY_STRIDED("elementwise", "binary_strided"),
  BINARY_F32_VEC("elementwise", "binary_f32_vec"),
  BINARY_F64_VEC("elementwise", "binary_f64_vec"),
  WHERE_STRIDED("elementwise", "where_strided"),
  COPY_STRIDED("elementwise", "copy_strided"),
  FILL_STRIDED("elementwise", "fill_strided"),
  REDUCE_GENERIC("reduce", "reduce_generic"),
  ARGREDUCE_GENERIC("reduce", "argreduce_generic"),
  SCAN_GENERIC("reduce", "scan_generic"),
  SOFTMAX_F32("reduce", "softmax_f32"),
  SOFTMAX_F64("reduce", "softmax_f64"),
  SGEMM_STRIDED("matmul", "sgemm_strided"),
  SGEMM_VEC("matmul", "sgemm_vec"),
  SGEMM_TF32("matmul", "sgemm_tf32"),
  DGEMM_STRIDED("matmul", "dgemm_strided"),
  IMATMUL_I32("matmul", "imatmul_i32"),
  IMATMUL_I64("matmul", "imatmul_i64"),
  GATHER_STRIDED("index", "gather_strided"),
  SCATTER_ATOMIC("index", "scatter_atomic"),
  SCATTER_SERIAL("index", "scatter_serial"),
  NONZERO_COUNT("index", "nonzero_count"),
  NONZERO_WRITE("index", "nonzero_write"),
  SORT_INIT("sort", "sort_init"),
  SORT_SHARED("sort", "sort_shared"),
  SORT_STEP("sort", "sort_step"),
  SORT_OUT("sort", "sort_out"),
  IM2COL_STRIDED("conv", "im2col_strided"),
  COL2IM_GATHER("conv", "col2im_gather"),
  POOL2D_STRIDED("conv", "pool2d_strided"),
  RANDOM_FILL("random", "random_fill");

  final String module;
  final String entry;

  Kernel(String module, String entry) {
    this.module = module;
    this.entry = entry;
  }

  /** Resource path of a module's file with the given extension ("ptx" or "fatbin"). */
  static String resource(String module, String ext) {
    return "/io/jgrad/kernels/cuda/" + module + "." + ext;
  }
}

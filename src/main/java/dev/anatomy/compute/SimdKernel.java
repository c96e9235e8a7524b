package dev.anatomy.compute;

import dev.anatomy.harness.KernelCheckException;

/**
 * The kernels of the SIMD probe: element type and operation, what one element costs, and the
 * closed-form checksum of the accumulated array after a run.
 */
enum SimdKernel {
  /** {@code c[i] += a[i]} in FP32. */
  FP32_ADD("fp32", "add", 1),
  /** {@code c[i] = fma(a[i], b[i], c[i])} in FP32. */
  FP32_FMA("fp32", "fma", 2),
  /** {@code c[i] += a[i]} in FP64. */
  FP64_ADD("fp64", "add", 1),
  /** {@code c[i] = fma(a[i], b[i], c[i])} in FP64. */
  FP64_FMA("fp64", "fma", 2),
  /** {@code c[i] += a[i]} in 32-bit integers. */
  INT32_ADD("int32", "add", 1),
  /** {@code c[i] += a[i] * b[i]} in 32-bit integers (no integer FMA instruction exists). */
  INT32_FMA("int32", "fma", 2);

  private final String type;
  private final String op;
  private final int opsPerElement;

  SimdKernel(String type, String op, int opsPerElement) {
    this.type = type;
    this.op = op;
    this.opsPerElement = opsPerElement;
  }

  /**
   * The kernel's name in documents and in the scalar baseline's output.
   *
   * @return e.g. "fp64-fma"
   */
  String label() {
    return type + "-" + op;
  }

  /**
   * The element type.
   *
   * @return "fp32", "fp64" or "int32"
   */
  String type() {
    return type;
  }

  /**
   * The operation.
   *
   * @return "add" or "fma"
   */
  String op() {
    return op;
  }

  /**
   * Arithmetic operations per element (an FMA or multiply-add counts 2).
   *
   * @return 1 or 2
   */
  int opsPerElement() {
    return opsPerElement;
  }

  /**
   * Finds a kernel by label.
   *
   * @param label e.g. "fp32-add"
   * @return the kernel
   */
  static SimdKernel byLabel(String label) {
    for (SimdKernel k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown SIMD kernel '" + label + "'");
  }

  /**
   * Runs the plain Java loop.
   *
   * @param w the arrays
   * @param passes passes over the arrays, at most {@link SimdArrays#MAX_PASSES}
   */
  void runPlain(SimdArrays w, int passes) {
    switch (this) {
      case FP32_ADD -> PlainArrayLoops.fp32Add(w.fc, w.fa, passes);
      case FP32_FMA -> PlainArrayLoops.fp32Fma(w.fc, w.fa, w.fb, passes);
      case FP64_ADD -> PlainArrayLoops.fp64Add(w.dc, w.da, passes);
      case FP64_FMA -> PlainArrayLoops.fp64Fma(w.dc, w.da, w.db, passes);
      case INT32_ADD -> PlainArrayLoops.int32Add(w.ic, w.ia, passes);
      case INT32_FMA -> PlainArrayLoops.int32MulAdd(w.ic, w.ia, w.ib, passes);
    }
  }

  /**
   * Runs the Vector API loop.
   *
   * @param w the arrays
   * @param passes passes over the arrays, at most {@link SimdArrays#MAX_PASSES}
   */
  void runVector(SimdArrays w, int passes) {
    switch (this) {
      case FP32_ADD -> VectorArrayLoops.fp32Add(w.fc, w.fa, passes);
      case FP32_FMA -> VectorArrayLoops.fp32Fma(w.fc, w.fa, w.fb, passes);
      case FP64_ADD -> VectorArrayLoops.fp64Add(w.dc, w.da, passes);
      case FP64_FMA -> VectorArrayLoops.fp64Fma(w.dc, w.da, w.db, passes);
      case INT32_ADD -> VectorArrayLoops.int32Add(w.ic, w.ia, passes);
      case INT32_FMA -> VectorArrayLoops.int32MulAdd(w.ic, w.ia, w.ib, passes);
    }
  }

  /**
   * Passes per warm-up call: more than one, since a profile in which the loop over passes never
   * went round would let C2 compile that branch as never taken, and a measurement's thousands of
   * passes would then deoptimise the loop.
   */
  static final int WARM_UP_PASSES = 2;

  /**
   * {@link #WARM_UP_PASSES} passes of the plain or the vector loop over short arrays, for the JIT
   * warm-up. Each loop gets its own call site, so the JIT compiles each loop on its own rather than
   * a dispatcher with every loop inlined.
   *
   * @param w short arrays ({@link SimdArrays#WARM_UP_LENGTH})
   * @param vector the Vector API loop, else the plain one
   * @return the call
   */
  Runnable warmUpCall(SimdArrays w, boolean vector) {
    if (vector) {
      return switch (this) {
        case FP32_ADD -> () -> VectorArrayLoops.fp32Add(w.fc, w.fa, WARM_UP_PASSES);
        case FP32_FMA -> () -> VectorArrayLoops.fp32Fma(w.fc, w.fa, w.fb, WARM_UP_PASSES);
        case FP64_ADD -> () -> VectorArrayLoops.fp64Add(w.dc, w.da, WARM_UP_PASSES);
        case FP64_FMA -> () -> VectorArrayLoops.fp64Fma(w.dc, w.da, w.db, WARM_UP_PASSES);
        case INT32_ADD -> () -> VectorArrayLoops.int32Add(w.ic, w.ia, WARM_UP_PASSES);
        case INT32_FMA -> () -> VectorArrayLoops.int32MulAdd(w.ic, w.ia, w.ib, WARM_UP_PASSES);
      };
    }
    return switch (this) {
      case FP32_ADD -> () -> PlainArrayLoops.fp32Add(w.fc, w.fa, WARM_UP_PASSES);
      case FP32_FMA -> () -> PlainArrayLoops.fp32Fma(w.fc, w.fa, w.fb, WARM_UP_PASSES);
      case FP64_ADD -> () -> PlainArrayLoops.fp64Add(w.dc, w.da, WARM_UP_PASSES);
      case FP64_FMA -> () -> PlainArrayLoops.fp64Fma(w.dc, w.da, w.db, WARM_UP_PASSES);
      case INT32_ADD -> () -> PlainArrayLoops.int32Add(w.ic, w.ia, WARM_UP_PASSES);
      case INT32_FMA -> () -> PlainArrayLoops.int32MulAdd(w.ic, w.ia, w.ib, WARM_UP_PASSES);
    };
  }

  /**
   * The checksum of the accumulated array: the sum of its elements, in double for floating point
   * (exact for these values) and in long for integers.
   *
   * @param w the arrays after a run
   * @return the checksum
   */
  double checksum(SimdArrays w) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum +=
          switch (type) {
            case "fp32" -> w.fc[i];
            case "fp64" -> w.dc[i];
            default -> w.ic[i];
          };
    }
    return sum;
  }

  /**
   * Fails unless the accumulated array holds what {@code passes} passes from the start values
   * imply.
   *
   * @param w the arrays after a run from {@link SimdArrays#reset()}
   * @param passes the passes made
   * @throws KernelCheckException on a mismatch
   */
  void check(SimdArrays w, int passes) {
    double expected = 0;
    for (int i = 0; i < w.length; i++) {
      boolean fma = "fma".equals(op);
      expected +=
          switch (type) {
            case "fp32" ->
                (double) w.fc0[i] + (double) passes * (fma ? w.fa[i] * w.fb[i] : w.fa[i]);
            case "fp64" -> w.dc0[i] + (double) passes * (fma ? w.da[i] * w.db[i] : w.da[i]);
            default -> w.ic0[i] + passes * (fma ? w.ia[i] * w.ib[i] : w.ia[i]);
          };
    }
    KernelCheckException.failIfNot("SIMD " + label(), expected, checksum(w), 0);
  }
}

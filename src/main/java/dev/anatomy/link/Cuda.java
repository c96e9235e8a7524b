package dev.anatomy.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few CUDA driver API calls the PCIe probe needs, bound through the Foreign Function and Memory
 * API to {@code libcuda.so.1}, the driver's own library (no toolkit needed). Every call returns a
 * {@code CUresult}; {@link #check} turns a failure into a {@link CudaException} with the driver's
 * name for it.
 *
 * <p>Types: {@code CUdevice} is an int, {@code CUcontext} a pointer, {@code CUdeviceptr} a 64-bit
 * integer, {@code size_t} a long.
 */
@SuppressWarnings("restricted") // binding libcuda.so.1 is this class's purpose
final class Cuda {
  static final int ATTR_MULTIPROCESSOR_COUNT = 16;
  static final int ATTR_PCI_BUS_ID = 33;
  static final int ATTR_PCI_DEVICE_ID = 34;
  static final int ATTR_MEMORY_CLOCK_RATE_KHZ = 36;
  static final int ATTR_GLOBAL_MEMORY_BUS_WIDTH_BITS = 37;
  static final int ATTR_PCI_DOMAIN_ID = 50;

  private static final Linker LINKER = Linker.nativeLinker();

  private final SymbolLookup lib;
  final MethodHandle cuInit;
  final MethodHandle cuDriverGetVersion;
  final MethodHandle cuDeviceGetCount;
  final MethodHandle cuDeviceGet;
  final MethodHandle cuDeviceGetName;
  final MethodHandle cuDeviceTotalMem;
  final MethodHandle cuDeviceGetAttribute;
  final MethodHandle cuDevicePrimaryCtxRetain;
  final MethodHandle cuDevicePrimaryCtxRelease;
  final MethodHandle cuCtxSetCurrent;
  final MethodHandle cuCtxSynchronize;
  final MethodHandle cuMemAlloc;
  final MethodHandle cuMemFree;
  final MethodHandle cuMemAllocHost;
  final MethodHandle cuMemFreeHost;
  final MethodHandle cuMemcpyHtoD;
  final MethodHandle cuMemcpyDtoH;
  final MethodHandle cuMemcpyDtoD;
  private final MethodHandle cuGetErrorName;

  private Cuda(SymbolLookup lib) {
    this.lib = lib;
    cuInit = bind("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    cuDriverGetVersion = bind("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuDeviceGetCount = bind("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuDeviceGet = bind("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDeviceGetName =
        bind("cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    cuDeviceTotalMem =
        bind("cuDeviceTotalMem_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDeviceGetAttribute =
        bind("cuDeviceGetAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    cuDevicePrimaryCtxRetain =
        bind("cuDevicePrimaryCtxRetain", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDevicePrimaryCtxRelease =
        bindFirst(
            FunctionDescriptor.of(JAVA_INT, JAVA_INT),
            "cuDevicePrimaryCtxRelease_v2",
            "cuDevicePrimaryCtxRelease");
    cuCtxSetCurrent = bind("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuCtxSynchronize = bind("cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT));
    cuMemAlloc = bind("cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    cuMemFree = bind("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    cuMemAllocHost = bind("cuMemAllocHost_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    cuMemFreeHost = bind("cuMemFreeHost", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuMemcpyHtoD =
        bind("cuMemcpyHtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
    cuMemcpyDtoH =
        bind("cuMemcpyDtoH_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    cuMemcpyDtoD =
        bind("cuMemcpyDtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    cuGetErrorName = bind("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
  }

  /**
   * Loads the driver library.
   *
   * @return the bound calls, or empty with {@code why} set when there is no library
   * @param why receives the reason when empty
   */
  static Optional<Cuda> load(StringBuilder why) {
    SymbolLookup lib;
    try {
      lib = SymbolLookup.libraryLookup("libcuda.so.1", Arena.global());
    } catch (IllegalArgumentException | IllegalCallerException e) {
      why.append("no libcuda.so.1 (no NVIDIA driver on this machine): ").append(e.getMessage());
      return Optional.empty();
    }
    try {
      return Optional.of(new Cuda(lib));
    } catch (java.util.NoSuchElementException e) {
      why.append("libcuda.so.1 lacks a call this probe needs: ").append(e.getMessage());
      return Optional.empty();
    }
  }

  private MethodHandle bind(String name, FunctionDescriptor d) {
    return LINKER.downcallHandle(lib.findOrThrow(name), d);
  }

  private MethodHandle bindFirst(FunctionDescriptor d, String... names) {
    for (String n : names) {
      Optional<MemorySegment> s = lib.find(n);
      if (s.isPresent()) {
        return LINKER.downcallHandle(s.get(), d);
      }
    }
    throw new java.util.NoSuchElementException(String.join(" or ", names));
  }

  /**
   * Fails unless a call succeeded.
   *
   * @param call the call's name
   * @param result its {@code CUresult}
   * @throws CudaException naming the call and the driver's error
   */
  void check(String call, int result) throws CudaException {
    if (result != 0) {
      throw new CudaException(call + " failed: " + errorName(result) + " (" + result + ")");
    }
  }

  /**
   * Allocates pinned (page-locked) host memory.
   *
   * @param bytes size
   * @return the memory; free it with {@code cuMemFreeHost}
   * @throws Throwable if the driver refuses
   */
  MemorySegment allocHost(long bytes) throws Throwable {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment pp = a.allocate(ADDRESS);
      check("cuMemAllocHost", (int) cuMemAllocHost.invokeExact(pp, bytes));
      return pp.get(ADDRESS, 0).reinterpret(bytes);
    }
  }

  String errorName(int result) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment p = a.allocate(ADDRESS);
      int rc = (int) cuGetErrorName.invokeExact(result, p);
      MemorySegment s = p.get(ADDRESS, 0);
      if (rc != 0 || s.equals(MemorySegment.NULL)) {
        return "CUDA error";
      }
      return s.reinterpret(128).getString(0);
    } catch (Throwable t) {
      return "CUDA error";
    }
  }

  /** A CUDA call failed. */
  static final class CudaException extends Exception {
    private static final long serialVersionUID = 1L;

    CudaException(String message) {
      super(message);
    }
  }
}

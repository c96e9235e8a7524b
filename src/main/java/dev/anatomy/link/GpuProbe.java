package dev.anatomy.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.anatomy.harness.Affinity;
import dev.anatomy.harness.KernelCheckException;
import dev.anatomy.harness.Samples;
import dev.anatomy.inventory.CpuList;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PCI bus to each NVIDIA GPU, and the GPU's own memory, through the CUDA driver API: host to
 * device and device to host with pageable (ordinary) and pinned (page-locked) host buffers, and
 * device to device, each copy at least 64 MiB, timed on the host around the copy and a context
 * synchronise, several times (the figure is their median, as nvbandwidth reports). Each GPU is
 * measured from a thread pinned to a CPU of the GPU's NUMA node where the machine says which.
 */
final class GpuProbe {
  /** The copies measured, in document order. */
  static final List<String> COPIES =
      List.of(
          "hostToDevicePageable",
          "hostToDevicePinned",
          "deviceToHostPageable",
          "deviceToHostPinned",
          "deviceToDevice");

  /**
   * One GPU.
   *
   * @param ordinal CUDA device number
   * @param name the device's name
   * @param memoryBytes its memory
   * @param pciAddress e.g. "0000:65:00.0"
   * @param link the PCIe link as sysfs reports it, if it does
   * @param multiprocessors streaming multiprocessors
   * @param memoryClockKhz peak memory clock
   * @param memoryBusBits memory bus width
   * @param copies copy name to bytes-per-second samples
   */
  record Gpu(
      int ordinal,
      String name,
      long memoryBytes,
      String pciAddress,
      Optional<PcieLink> link,
      int multiprocessors,
      long memoryClockKhz,
      int memoryBusBits,
      Map<String, Samples> copies) {
    /**
     * Copies the map.
     *
     * @param ordinal ordinal
     * @param name name
     * @param memoryBytes memory
     * @param pciAddress address
     * @param link link
     * @param multiprocessors SMs
     * @param memoryClockKhz memory clock
     * @param memoryBusBits bus width
     * @param copies copies
     */
    Gpu {
      copies = Map.copyOf(copies);
    }

    /**
     * The memory's theoretical bandwidth: clock x 2 (double data rate) x bus width / 8.
     *
     * @return bytes per second, 0 if the driver reports no clock or width
     */
    double memoryTheoreticalBytesPerSecond() {
      return memoryClockKhz * 1e3 * 2 * memoryBusBits / 8.0;
    }
  }

  /**
   * Every GPU measured, or why none was.
   *
   * @param gpus the GPUs
   * @param driverVersion the CUDA driver version, e.g. 12040
   * @param whyNone the reason when there is none
   */
  record Result(List<Gpu> gpus, int driverVersion, String whyNone) {
    /**
     * Copies the list.
     *
     * @param gpus gpus
     * @param driverVersion driver version
     * @param whyNone reason
     */
    Result {
      gpus = List.copyOf(gpus);
    }
  }

  private GpuProbe() {}

  /**
   * Measures every GPU the driver sees.
   *
   * @param copyBytes bytes per copy, at least 64 MiB
   * @param repeats timed copies per kind
   * @param allowedCpus CPUs this process may use
   * @return the GPUs, or the reason there are none
   */
  static Result measure(long copyBytes, int repeats, List<Integer> allowedCpus) {
    StringBuilder why = new StringBuilder();
    Optional<Cuda> loaded = Cuda.load(why);
    if (loaded.isEmpty()) {
      return new Result(List.of(), 0, why.toString());
    }
    Cuda cuda = loaded.get();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ip = arena.allocate(JAVA_INT);
      cuda.check("cuInit", (int) cuda.cuInit.invokeExact(0));
      cuda.check("cuDriverGetVersion", (int) cuda.cuDriverGetVersion.invokeExact(ip));
      int driver = ip.get(JAVA_INT, 0);
      cuda.check("cuDeviceGetCount", (int) cuda.cuDeviceGetCount.invokeExact(ip));
      int count = ip.get(JAVA_INT, 0);
      if (count == 0) {
        return new Result(List.of(), driver, "the CUDA driver sees no GPU");
      }
      List<Gpu> gpus = new ArrayList<>();
      for (int d = 0; d < count; d++) {
        gpus.add(onNodeThread(cuda, d, copyBytes, repeats, allowedCpus));
      }
      return new Result(gpus, driver, "");
    } catch (Cuda.CudaException e) {
      return new Result(List.of(), 0, e.getMessage());
    } catch (Throwable t) {
      return new Result(List.of(), 0, "the CUDA driver failed: " + t);
    }
  }

  /** Measures one GPU on a fresh thread pinned near it: a context is current per thread. */
  private static Gpu onNodeThread(
      Cuda cuda, int ordinal, long copyBytes, int repeats, List<Integer> allowedCpus)
      throws Throwable {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform()
            .name("anatomy-gpu-" + ordinal)
            .start(
                () -> {
                  try {
                    out.set(one(cuda, ordinal, copyBytes, repeats, allowedCpus));
                  } catch (Throwable e) {
                    out.set(e);
                  }
                });
    t.join();
    if (out.get() instanceof Throwable e) {
      throw e;
    }
    return (Gpu) out.get();
  }

  private static Gpu one(Cuda cuda, int ordinal, long bytes, int repeats, List<Integer> allowedCpus)
      throws Throwable {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment ip = arena.allocate(JAVA_INT);
      MemorySegment lp = arena.allocate(JAVA_LONG);
      MemorySegment pp = arena.allocate(ADDRESS);
      cuda.check("cuDeviceGet", (int) cuda.cuDeviceGet.invokeExact(ip, ordinal));
      int dev = ip.get(JAVA_INT, 0);
      MemorySegment nameBuf = arena.allocate(256);
      cuda.check("cuDeviceGetName", (int) cuda.cuDeviceGetName.invokeExact(nameBuf, 256, dev));
      cuda.check("cuDeviceTotalMem", (int) cuda.cuDeviceTotalMem.invokeExact(lp, dev));
      long memory = lp.get(JAVA_LONG, 0);
      String address =
          String.format(
              Locale.ROOT,
              "%04x:%02x:%02x.0",
              attribute(cuda, ip, Cuda.ATTR_PCI_DOMAIN_ID, dev),
              attribute(cuda, ip, Cuda.ATTR_PCI_BUS_ID, dev),
              attribute(cuda, ip, Cuda.ATTR_PCI_DEVICE_ID, dev));
      Optional<PcieLink> link = PcieLink.read(address);
      link.ifPresent(l -> pinNear(l.numaNode(), allowedCpus));
      int sms = optionalAttribute(cuda, ip, Cuda.ATTR_MULTIPROCESSOR_COUNT, dev);
      long clock = optionalAttribute(cuda, ip, Cuda.ATTR_MEMORY_CLOCK_RATE_KHZ, dev);
      int bus = optionalAttribute(cuda, ip, Cuda.ATTR_GLOBAL_MEMORY_BUS_WIDTH_BITS, dev);
      cuda.check(
          "cuDevicePrimaryCtxRetain", (int) cuda.cuDevicePrimaryCtxRetain.invokeExact(pp, dev));
      try {
        MemorySegment ctx = pp.get(ADDRESS, 0);
        cuda.check("cuCtxSetCurrent", (int) cuda.cuCtxSetCurrent.invokeExact(ctx));
        Map<String, Samples> copies = copies(cuda, arena, bytes, repeats);
        return new Gpu(
            ordinal, nameBuf.getString(0), memory, address, link, sms, clock, bus, copies);
      } finally {
        int ignored = (int) cuda.cuDevicePrimaryCtxRelease.invokeExact(dev);
      }
    }
  }

  private static Map<String, Samples> copies(Cuda cuda, Arena arena, long bytes, int repeats)
      throws Throwable {
    MemorySegment lp = arena.allocate(JAVA_LONG);
    cuda.check("cuMemAlloc", (int) cuda.cuMemAlloc.invokeExact(lp, bytes));
    long d1 = lp.get(JAVA_LONG, 0);
    long d2 = 0;
    MemorySegment pinned = MemorySegment.NULL;
    try {
      cuda.check("cuMemAlloc", (int) cuda.cuMemAlloc.invokeExact(lp, bytes));
      d2 = lp.get(JAVA_LONG, 0);
      pinned = cuda.allocHost(bytes);
      MemorySegment pageable = arena.allocate(bytes, 4096);
      Map<String, Samples> out = new LinkedHashMap<>();
      long dst1 = d1;
      long dst2 = d2;
      MemorySegment pin = pinned;
      out.put(
          "hostToDevicePageable",
          time(cuda, bytes, repeats, () -> h2d(cuda, dst1, pageable, bytes)));
      out.put("hostToDevicePinned", time(cuda, bytes, repeats, () -> h2d(cuda, dst1, pin, bytes)));
      out.put(
          "deviceToHostPageable",
          time(cuda, bytes, repeats, () -> d2h(cuda, pageable, dst1, bytes)));
      out.put("deviceToHostPinned", time(cuda, bytes, repeats, () -> d2h(cuda, pin, dst1, bytes)));
      out.put("deviceToDevice", time(cuda, bytes, repeats, () -> d2d(cuda, dst2, dst1, bytes)));
      verify(cuda, pageable, pin, dst1, dst2, bytes);
      return out;
    } finally {
      int ignored = (int) cuda.cuMemFree.invokeExact(d1);
      if (d2 != 0) {
        ignored = (int) cuda.cuMemFree.invokeExact(d2);
      }
      if (!pinned.equals(MemorySegment.NULL)) {
        ignored = (int) cuda.cuMemFreeHost.invokeExact(pinned);
      }
    }
  }

  /** A copy to time. */
  @FunctionalInterface
  private interface CopyCall {
    void run() throws Throwable;
  }

  private static Samples time(Cuda cuda, long bytes, int repeats, CopyCall copy) throws Throwable {
    copy.run();
    sync(cuda);
    double[] rates = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      copy.run();
      sync(cuda);
      rates[i] = bytes * 1e9 / Math.max(1, System.nanoTime() - t0);
    }
    return Samples.of(rates);
  }

  /** Host pattern, to the device, device to device, back to pinned host memory: all must agree. */
  private static void verify(
      Cuda cuda, MemorySegment pageable, MemorySegment pinned, long d1, long d2, long bytes)
      throws Throwable {
    long step = Math.max(8, bytes / 4096 / 8 * 8);
    for (long off = 0; off + 8 <= bytes; off += step) {
      pageable.set(JAVA_LONG, off, off * 0x9E3779B97F4A7C15L + 7);
    }
    h2d(cuda, d1, pageable, bytes);
    d2d(cuda, d2, d1, bytes);
    sync(cuda);
    pinned.fill((byte) 0);
    d2h(cuda, pinned, d2, bytes);
    sync(cuda);
    for (long off = 0; off + 8 <= bytes; off += step) {
      KernelCheckException.failIfNot(
          "GPU copy round trip", off * 0x9E3779B97F4A7C15L + 7, pinned.get(JAVA_LONG, off));
    }
  }

  private static void h2d(Cuda cuda, long dst, MemorySegment src, long bytes) throws Throwable {
    cuda.check("cuMemcpyHtoD", (int) cuda.cuMemcpyHtoD.invokeExact(dst, src, bytes));
  }

  private static void d2h(Cuda cuda, MemorySegment dst, long src, long bytes) throws Throwable {
    cuda.check("cuMemcpyDtoH", (int) cuda.cuMemcpyDtoH.invokeExact(dst, src, bytes));
  }

  private static void d2d(Cuda cuda, long dst, long src, long bytes) throws Throwable {
    cuda.check("cuMemcpyDtoD", (int) cuda.cuMemcpyDtoD.invokeExact(dst, src, bytes));
  }

  private static void sync(Cuda cuda) throws Throwable {
    cuda.check("cuCtxSynchronize", (int) cuda.cuCtxSynchronize.invokeExact());
  }

  private static int attribute(Cuda cuda, MemorySegment ip, int attribute, int dev)
      throws Throwable {
    cuda.check(
        "cuDeviceGetAttribute " + attribute,
        (int) cuda.cuDeviceGetAttribute.invokeExact(ip, attribute, dev));
    return ip.get(JAVA_INT, 0);
  }

  /**
   * An attribute that only describes the device: newer drivers drop some (the memory clock is
   * deprecated), and the copies are worth measuring without it.
   *
   * @return the value, 0 if the driver refuses
   */
  private static int optionalAttribute(Cuda cuda, MemorySegment ip, int attribute, int dev) {
    try {
      return attribute(cuda, ip, attribute, dev);
    } catch (Throwable t) {
      return 0;
    }
  }

  /** Pins the calling thread to an allowed CPU of a NUMA node; stays unpinned where it cannot. */
  private static void pinNear(int node, List<Integer> allowedCpus) {
    if (node < 0) {
      return;
    }
    try {
      List<Integer> cpus =
          CpuList.parse(
              Files.readString(Path.of("/sys/devices/system/node/node" + node + "/cpulist")));
      cpus.stream().filter(allowedCpus::contains).findFirst().ifPresent(Affinity::pinCurrentThread);
    } catch (IOException | RuntimeException e) {
      // unpinned: the copies still run, perhaps across the socket link
    }
  }
}

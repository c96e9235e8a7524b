package dev.anatomy.memory;

import dev.anatomy.result.Figure;

/**
 * One point of the bandwidth curve.
 *
 * @param sizeBytes the total working set over all threads and arrays
 * @param threads threads running the kernel together, each on its own arrays
 * @param kernel the kernel
 * @param bandwidth bytes per second, all threads together (write-allocate not counted)
 */
public record BandwidthPoint(long sizeBytes, int threads, StreamKernel kernel, Figure bandwidth) {}

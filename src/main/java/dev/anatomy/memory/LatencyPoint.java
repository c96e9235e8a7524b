package dev.anatomy.memory;

import dev.anatomy.result.Figure;

/**
 * One point of the latency curve.
 *
 * @param sizeBytes the working set: lines x 64 bytes
 * @param variant the chase's layout
 * @param pageSizeBytes the page size asked for (4096 or 2 MiB)
 * @param latency nanoseconds per dependent load
 */
public record LatencyPoint(
    long sizeBytes, ChaseLayout.Variant variant, long pageSizeBytes, Figure latency) {}

/*
 * Reference pointer chase for bench/memory-vs-likwid.sh: the same kind of chase anatomy runs
 * (one pointer per 64-byte line, 4 KiB pages via MADV_NOHUGEPAGE, "tlb-grouped": lines in random
 * order within blocks of 64 pages, blocks in random order, as multichase), written in plain C.
 *
 *   cc -O2 -o chase chase.c && ./chase SIZE_BYTES [SAMPLES [SAMPLE_NS [SETTLE_MS]]]
 *
 * Prints the best (lowest) nanoseconds per load over the samples, one line: "SIZE NS".
 *
 * Settling. Once built, the chain is chased for SETTLE_MS = 500 ms before anything is timed, as
 * multichase drops its first half-second sample. On the Firecracker guest a fresh 4 MiB chain read
 * 100-130 ns at first and came down to 12 ns over 50-150 ms of chasing, in four tries of six (the
 * other two read 12-16 ns from the start): the shared cache keeps a neighbour's lines until ours
 * have been reused for a while. Timed at once, as this file did until bench run 42, most runs read
 * that transient (46-104 ns), where anatomy's card, whose visits chase the same lines size after
 * size, and this file's long samples read 11.5-16.5 ns.
 *
 * Sampling. By default it samples as anatomy does (LatencyProbe with the standard plan): a warm-up
 * pass over the chain (at most 65536 loads), a second run on the warm chain (as many loads, 4096
 * to 16384) that sets the samples' length, samples of SAMPLE_NS = 0.5 ms and of at least 16384
 * loads (or the whole chain where it is shorter), warm-up samples dropped until two in a row agree
 * within 5% (one at least, three at most), then SAMPLES = 5 kept, best taken. SAMPLE_NS = 0 gives
 * the long samples of the first version of this file (2^24 loads, 2^18 from 64 MiB: 80 ms in L2,
 * 2 s at 4 MiB on this machine), with no warm-up samples: on a shared machine the two statistics
 * differ, and the bench prints both.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

static void shuffle(size_t *a, size_t n) {
  for (size_t i = n - 1; i > 0; i--) {
    size_t j = next_random() % (i + 1);
    size_t t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static void **run(void **p, size_t steps) {
  for (size_t i = 0; i < steps; i += 8) {
    p = *p; p = *p; p = *p; p = *p; p = *p; p = *p; p = *p; p = *p;
  }
  return p;
}

/* one timed sample of STEPS loads; *p moves on along the chain */
static double sample(void ***p, size_t steps) {
  double t = now_ns();
  *p = run(*p, steps);
  return (now_ns() - t) / steps;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s SIZE_BYTES [SAMPLES [SAMPLE_NS]]\n", argv[0]);
    return 2;
  }
  size_t size = strtoull(argv[1], NULL, 10);
  int samples = argc > 2 ? atoi(argv[2]) : 5;
  const size_t line = 64, group = 64 * 4096 / 64;
  size_t lines = size / line;
  char *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  madvise(mem, size, MADV_NOHUGEPAGE);
  for (size_t i = 0; i < size; i += 4096) mem[i] = 1;
  size_t *order = malloc(lines * sizeof *order);
  if (lines <= group) {
    for (size_t i = 0; i < lines; i++) order[i] = i;
    shuffle(order, lines);
  } else {
    size_t groups = lines / group;
    size_t *g = malloc(groups * sizeof *g);
    for (size_t i = 0; i < groups; i++) g[i] = i;
    shuffle(g, groups);
    for (size_t k = 0; k < groups; k++) {
      size_t *block = order + k * group;
      for (size_t i = 0; i < group; i++) block[i] = g[k] * group + i;
      shuffle(block, group);
    }
    /* the lines past the last whole block: visited last, in random order, as anatomy's layout */
    size_t rest = lines - groups * group;
    size_t *tail = order + groups * group;
    for (size_t i = 0; i < rest; i++) tail[i] = groups * group + i;
    if (rest > 1) shuffle(tail, rest);
    free(g);
  }
  for (size_t i = 0; i < lines; i++)
    *(void **)(mem + order[i] * line) = mem + order[(i + 1) % lines] * line;
  void **p = (void **)(mem + order[0] * line);
  long settle_ms = argc > 4 ? atol(argv[4]) : 500;
  for (double until = now_ns() + settle_ms * 1e6; now_ns() < until;) p = run(p, 4096);
  size_t warm = lines < (1u << 16) ? lines : (1u << 16);
  p = run(p, (warm + 7) & ~(size_t)7);
  long sample_ns = argc > 3 ? atol(argv[3]) : 500000;
  size_t steps;
  int warmups = 0;
  if (sample_ns > 0) {
    size_t calibration = warm < 4096 ? 4096 : warm > 16384 ? 16384 : warm;
    calibration = (calibration + 7) & ~(size_t)7;
    double t = now_ns();
    p = run(p, calibration);
    double per_load = (now_ns() - t) / calibration;
    steps = (size_t)(sample_ns / per_load);
    size_t floor = lines < 16384 ? lines : 16384; /* a few TLB blocks at least */
    if (steps < floor) steps = floor;
    if (steps < 64) steps = 64;
    steps = (steps + 7) & ~(size_t)7;
    /* warm-up samples: dropped until two in a row agree within 5%; one at least, three at most */
    double last = sample(&p, steps);
    for (warmups = 1; warmups < 3; warmups++) {
      double ns = sample(&p, steps);
      double diff = ns > last ? ns - last : last - ns;
      last = ns;
      if (diff <= 0.05 * ns) break;
    }
  } else {
    steps = size >= (64u << 20) ? 1u << 18 : 1u << 24;
  }
  double best = 1e30;
  for (int s = 0; s < samples; s++) {
    double ns = sample(&p, steps);
    if (ns < best) best = ns;
  }
  printf("%zu %.3f\n", size, best);
  return p == NULL; /* keeps the chase alive */
}

/*
 * Why one thread reads DRAM faster in anatomy's bandwidth workspace than in likwid-bench's array
 * on this machine: the physical pages behind a working set. Maps 3 x SIZE bytes (4 KiB pages,
 * MADV_NOHUGEPAGE), backs them in one MADV_POPULATE_WRITE, then reads each third in turn with the
 * same AVX2 loop (eight accumulators), ROUNDS times, and prints each third's best GB/s.
 *
 *   cc -O2 -mavx2 -o dram-layout dram-layout.c && taskset -c 0 ./dram-layout [SIZE_BYTES [ROUNDS]]
 *
 * The kernel hands out its small free blocks first: the first third lands on scattered pages, the
 * later ones on pages split from large free blocks, physically contiguous. anatomy's read kernel
 * reads its workspace's second array, mapped after the first; likwid-bench's array is the first
 * thing its process maps. /proc/buddyinfo shows the free blocks of each order.
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static double read_all(const double *a, size_t bytes) {
  __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  for (size_t i = 0; i < bytes / 8; i += 32) {
    s0 = _mm256_add_pd(s0, _mm256_load_pd(a + i));
    s1 = _mm256_add_pd(s1, _mm256_load_pd(a + i + 4));
    s2 = _mm256_add_pd(s2, _mm256_load_pd(a + i + 8));
    s3 = _mm256_add_pd(s3, _mm256_load_pd(a + i + 12));
    s4 = _mm256_add_pd(s4, _mm256_load_pd(a + i + 16));
    s5 = _mm256_add_pd(s5, _mm256_load_pd(a + i + 20));
    s6 = _mm256_add_pd(s6, _mm256_load_pd(a + i + 24));
    s7 = _mm256_add_pd(s7, _mm256_load_pd(a + i + 28));
  }
  __m256d s = _mm256_add_pd(_mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)),
                            _mm256_add_pd(_mm256_add_pd(s4, s5), _mm256_add_pd(s6, s7)));
  double r[4];
  _mm256_storeu_pd(r, s);
  return r[0] + r[1] + r[2] + r[3];
}

int main(int argc, char **argv) {
  size_t size = argc > 1 ? strtoull(argv[1], 0, 10) : (size_t)1 << 30;
  int rounds = argc > 2 ? atoi(argv[2]) : 4;
  size = size / 256 * 256;
  char *region = mmap(0, 3 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  madvise(region, 3 * size, MADV_NOHUGEPAGE);
  if (madvise(region, 3 * size, MADV_POPULATE_WRITE) != 0) {
    perror("madvise(MADV_POPULATE_WRITE)");
    return 2;
  }
  for (size_t i = 0; i < 3 * size / 8; i++) {
    ((double *)region)[i] = (double)(i & 7);
  }
  double expected = (double)(size / 64) * 28.0; /* each 64-byte line holds 0..7 */
  for (int r = 0; r < rounds; r++) {
    printf("round %d:", r + 1);
    for (int t = 0; t < 3; t++) {
      double best = 0;
      for (int i = 0; i < 3; i++) {
        double start = now();
        double sum = read_all((const double *)(region + t * size), size);
        double gbs = size / (now() - start) / 1e9;
        if (sum != expected) {
          fprintf(stderr, "wrong sum %.0f, expected %.0f\n", sum, expected);
          return 1;
        }
        best = gbs > best ? gbs : best;
      }
      printf("  third %d %.2f GB/s", t + 1, best);
    }
    printf("\n");
  }
  return 0;
}

-- anatomy history store, version 1 (PostgreSQL). One row per run of `anatomy measure`, holding
-- the whole JSON document, and one row per figure of that run for queries across runs and hosts.
-- The SQLite migration of the same version creates the same tables with SQLite types.

CREATE TABLE anatomy_runs (
  id              TEXT        NOT NULL PRIMARY KEY,  -- run.id (a UUID)
  started_at      TIMESTAMPTZ NOT NULL,              -- run.startedAt
  finished_at     TIMESTAMPTZ NOT NULL,              -- run.finishedAt
  host            TEXT        NOT NULL,              -- run.host
  cpu             TEXT        NOT NULL,              -- machine.modelName
  logical_cpus    INTEGER,                           -- machine.logicalCpus
  effort          TEXT        NOT NULL,              -- run.effort: quick, standard, deep
  partial         BOOLEAN     NOT NULL,              -- run.partial
  schema_version  INTEGER     NOT NULL,              -- the document's schemaVersion as written
  anatomy_version TEXT        NOT NULL,              -- run.anatomyVersion
  -- headline figures (null when the run did not measure them)
  l1_latency_ns                   DOUBLE PRECISION,  -- memory.levels[L1].latencyNs
  dram_latency_ns                 DOUBLE PRECISION,  -- memory.levels[DRAM].latencyNs
  dram_triad_bytes_per_second     DOUBLE PRECISION,  -- memory.levels[DRAM].triadBytesPerSecondAllThreads
  clock_hz                        DOUBLE PRECISION,  -- compute.clockHz
  fp64_flops_all_cores            DOUBLE PRECISION,  -- compute.peakFlops.fp64AllCores
  disk_read_bytes_per_second      DOUBLE PRECISION,  -- storage.sequentialReadBytesPerSecond
  disk_random_read_iops           DOUBLE PRECISION,  -- storage.randomReadIops
  document        JSON        NOT NULL               -- the whole document, text kept as written
);

CREATE INDEX anatomy_runs_by_time ON anatomy_runs (started_at);
CREATE INDEX anatomy_runs_by_host ON anatomy_runs (host, started_at);

CREATE TABLE anatomy_figures (
  run_id    TEXT             NOT NULL REFERENCES anatomy_runs (id) ON DELETE CASCADE,
  path      TEXT             NOT NULL,             -- e.g. memory.levels[L1].latencyNs
  value     DOUBLE PRECISION NOT NULL,             -- the figure, in unit
  unit      TEXT             NOT NULL,             -- details.unit, e.g. ns, B/s
  statistic TEXT             NOT NULL,             -- details.statistic, e.g. min, max, median
  PRIMARY KEY (run_id, path)
);

CREATE INDEX anatomy_figures_by_path ON anatomy_figures (path);

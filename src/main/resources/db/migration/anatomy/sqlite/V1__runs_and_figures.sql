-- anatomy history store, version 1 (SQLite). One row per run of `anatomy measure`, holding the
-- whole JSON document, and one row per figure of that run for queries across runs.
-- The PostgreSQL migration of the same version creates the same tables with PostgreSQL types.

CREATE TABLE anatomy_runs (
  id              TEXT    NOT NULL PRIMARY KEY,   -- run.id (a UUID)
  started_at      TEXT    NOT NULL,               -- run.startedAt, UTC, fixed-width ISO-8601
  finished_at     TEXT    NOT NULL,               -- run.finishedAt, same format
  host            TEXT    NOT NULL,               -- run.host
  cpu             TEXT    NOT NULL,               -- machine.modelName
  logical_cpus    INTEGER,                        -- machine.logicalCpus
  effort          TEXT    NOT NULL,               -- run.effort: quick, standard, deep
  partial         INTEGER NOT NULL CHECK (partial IN (0, 1)), -- run.partial
  schema_version  INTEGER NOT NULL,               -- the document's schemaVersion as written
  anatomy_version TEXT    NOT NULL,               -- run.anatomyVersion
  -- headline figures (null when the run did not measure them)
  l1_latency_ns                   REAL,           -- memory.levels[L1].latencyNs
  dram_latency_ns                 REAL,           -- memory.levels[DRAM].latencyNs
  dram_triad_bytes_per_second     REAL,           -- memory.levels[DRAM].triadBytesPerSecondAllThreads
  clock_hz                        REAL,           -- compute.clockHz
  fp64_flops_all_cores            REAL,           -- compute.peakFlops.fp64AllCores
  disk_read_bytes_per_second      REAL,           -- storage.sequentialReadBytesPerSecond
  disk_random_read_iops           REAL,           -- storage.randomReadIops
  document        TEXT    NOT NULL CHECK (json_valid(document))  -- the whole document
);

CREATE INDEX anatomy_runs_by_time ON anatomy_runs (started_at);
CREATE INDEX anatomy_runs_by_host ON anatomy_runs (host, started_at);

CREATE TABLE anatomy_figures (
  run_id    TEXT NOT NULL REFERENCES anatomy_runs (id) ON DELETE CASCADE,
  path      TEXT NOT NULL,                        -- e.g. memory.levels[L1].latencyNs
  value     REAL NOT NULL,                        -- the figure, in unit
  unit      TEXT NOT NULL,                        -- details.unit, e.g. ns, B/s
  statistic TEXT NOT NULL,                        -- details.statistic, e.g. min, max, median
  PRIMARY KEY (run_id, path)
);

CREATE INDEX anatomy_figures_by_path ON anatomy_figures (path);

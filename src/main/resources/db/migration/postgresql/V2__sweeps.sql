-- A thread sweep kept as one: its points are runs (in runs), listed here in thread order with the sweep's model.
CREATE TABLE sweeps (
    id          VARCHAR(36)   PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    workload    VARCHAR(64)   NOT NULL,
    model       VARCHAR(1000) NOT NULL
);
CREATE TABLE sweep_points (
    sweep_id    VARCHAR(36)   NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    run_id      VARCHAR(36)   NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    threads     INT           NOT NULL,
    PRIMARY KEY (sweep_id, run_id)
);
CREATE INDEX idx_sweeps_started ON sweeps (started_at DESC);

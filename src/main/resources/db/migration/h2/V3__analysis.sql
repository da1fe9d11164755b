-- What the workbench found out about a run: its JFR profile (summary and folded stacks) and the advisor's findings.
CREATE TABLE run_profiles (
    run_id       VARCHAR(36) PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    profile_json CLOB        NOT NULL
);
CREATE TABLE findings (
    run_id         VARCHAR(36)   NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position       INT           NOT NULL,
    rule           VARCHAR(64)   NOT NULL,
    severity       VARCHAR(16)   NOT NULL,
    title          VARCHAR(1000) NOT NULL,
    evidence       VARCHAR(4000) NOT NULL,
    advice         VARCHAR(4000) NOT NULL,
    profile_change VARCHAR(4000) NOT NULL,
    PRIMARY KEY (run_id, position)
);

-- An events import folds its shoppers' profiles after its rows (docs/imports.md#history-and-profiles): how many it
-- has to fold and how many are done, so that the last phase of a long import shows progress too.
ALTER TABLE imports.jobs
    ADD COLUMN profiles_to_fold bigint NOT NULL DEFAULT 0,
    ADD COLUMN profiles_folded  bigint NOT NULL DEFAULT 0;

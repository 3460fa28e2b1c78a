-- A tenant's feed in partitions (docs/events.md#feed-partitions). A layout of the feed, a "generation", delivers the events
-- after its start: generation 0 (one partition, no row here) from the first event. Changing the partition count opens the
-- next generation at the log head in the statement that locks the head row, the lock every append takes, so each append
-- belongs to exactly one generation and learns it (and the partition count) from the row it updates.
ALTER TABLE events.log_head
    ADD COLUMN feed_generation integer NOT NULL DEFAULT 0,
    ADD COLUMN feed_partitions integer NOT NULL DEFAULT 1,
    ADD COLUMN feed_after_seq  bigint  NOT NULL DEFAULT 0;

CREATE TABLE events.feed_generations (
    tenant_id  text        NOT NULL,
    generation integer     NOT NULL CHECK (generation > 0),
    partitions integer     NOT NULL CHECK (partitions BETWEEN 1 AND 64),
    after_seq  bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, generation)
);

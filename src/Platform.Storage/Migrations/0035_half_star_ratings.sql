-- Ratings of half stars (0.5 to 5, one decimal), as public rating logs such as MovieLens give them. Rewrites the event
-- log once, holding it exclusively until done (ingest waits): on a large log, upgrade in a quiet hour. Whole-star
-- ratings stored before read back the same.
ALTER TABLE events.log ALTER COLUMN rating TYPE numeric(2, 1);
ALTER TABLE campaigns.outcomes ALTER COLUMN rating_sum TYPE numeric(12, 1);

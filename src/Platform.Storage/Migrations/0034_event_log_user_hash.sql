-- Each event's user hash (FeedLayout.HashOf: FNV-1a of the user id's UTF-16 code units), so that a feed partition
-- catching up reads only its own users' events from the log instead of the whole tenant's backlog. Events stored before
-- this migration have none; the readers keep them and the feed sorts them out by the user id, as before.
ALTER TABLE events.log ADD COLUMN user_hash integer NULL;

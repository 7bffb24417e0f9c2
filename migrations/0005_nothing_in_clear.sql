-- Nothing about a family in clear at rest (issue 19). The review flag said
-- whether a family answered "yes" or "not sure" about their child's health;
-- it is inside the sealed lead already, so its clear copy goes, with the
-- report indexes that covered it (SQLite cannot drop an indexed column).
DROP INDEX leads_report;
DROP INDEX leads_received;
ALTER TABLE leads DROP COLUMN flagged_for_review;
CREATE INDEX leads_report ON leads (partner_id, received_at, attr_campaign, acked_at);
CREATE INDEX leads_received ON leads (received_at, partner_id, attr_campaign, acked_at);

-- Replay skips past a dead letter the queue keeps refusing (worker/leads/replay.ts):
-- each refusal is counted, and the cron takes the least-refused first, so
-- the letters behind one that always fails still go.
ALTER TABLE dead_letters ADD COLUMN replay_failures INTEGER NOT NULL DEFAULT 0;
CREATE INDEX dead_letters_replay_order ON dead_letters (replay_failures, dead_at) WHERE replayed_at IS NULL;

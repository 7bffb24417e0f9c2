-- The family keeps control of its request (issue 21; docs/privacy.md).

-- A withdrawn request, by inquiry id: the tombstone that keeps a copy still
-- in the queue, among the dead letters or sent again with the same
-- Idempotency-Key from ever becoming a lead. Holds no content.
CREATE TABLE withdrawn (
  inquiry_id TEXT PRIMARY KEY,
  withdrawn_at INTEGER NOT NULL,
  via TEXT NOT NULL                    -- 'receipt' (the family's link) or 'coordinator:LABEL' (asked by email)
) STRICT;

-- The read log: which coordinator token (by its label, never the token)
-- received, acknowledged, or deleted after a withdrawal, which lead, first
-- at what time. Ids and times only, never content.
CREATE TABLE lead_reads (
  lead_id TEXT NOT NULL,
  reader TEXT NOT NULL,
  event TEXT NOT NULL,                 -- 'pulled', 'acked', 'deletion-acked'
  at INTEGER NOT NULL,
  PRIMARY KEY (lead_id, reader, event)
) STRICT, WITHOUT ROWID;

CREATE INDEX lead_reads_reader ON lead_reads (reader, event, lead_id);

-- Each access to and deletion of a request, with its time, so deadlines can be shown.
CREATE TABLE rights_requests (
  id TEXT PRIMARY KEY,
  inquiry_id TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- 'access' or 'deletion'
  via TEXT NOT NULL,                   -- as withdrawn.via
  at INTEGER NOT NULL
) STRICT;

CREATE INDEX rights_requests_at ON rights_requests (at);

-- A keyed HMAC (LEADS_KEY-derived, see worker/family/email-mac.ts) of the
-- normalised email, so a family asking by email is found without the
-- address in clear. NULL on leads stored before this migration.
ALTER TABLE leads ADD COLUMN email_mac TEXT;
CREATE INDEX leads_email_mac ON leads (email_mac) WHERE email_mac IS NOT NULL;

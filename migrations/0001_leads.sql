-- The lead store. Personal fields (everything a family typed, the pre-screen
-- answers and the review flags derived from them) are only in `ciphertext`,
-- AES-GCM encrypted with the key named by `key_version`.

CREATE TABLE leads (
  id TEXT PRIMARY KEY,                 -- the inquiry id the family was given
  partner_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,        -- ms since epoch, when the API accepted it
  stored_at INTEGER NOT NULL,
  key_version TEXT NOT NULL,
  iv TEXT NOT NULL,                    -- base64, fresh per record
  ciphertext TEXT NOT NULL,            -- base64
  -- Coordinator delivery state, shaped like a Queues pull consumer.
  attempts INTEGER NOT NULL DEFAULT 0,
  visible_at INTEGER NOT NULL DEFAULT 0,
  lease_id TEXT,
  acked_at INTEGER
) STRICT;

CREATE INDEX leads_pullable ON leads (visible_at, received_at) WHERE acked_at IS NULL;
CREATE UNIQUE INDEX leads_lease ON leads (lease_id) WHERE lease_id IS NOT NULL;
CREATE INDEX leads_acked ON leads (acked_at) WHERE acked_at IS NOT NULL;

-- One row per Idempotency-Key (scoped to the partner), holding a hash of the
-- validated body so a reused key with another body can be refused.
CREATE TABLE idempotency_keys (
  inquiry_id TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Messages intake could not store, kept (still encrypted) for operators to
-- inspect and replay. Nothing accepted is dropped.
CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,                 -- queue message id
  inquiry_id TEXT,
  reason TEXT NOT NULL,                -- a code, never personal data
  attempts INTEGER NOT NULL,
  dead_at INTEGER NOT NULL,
  body TEXT NOT NULL,                  -- the queue message as received (its personal part encrypted)
  replayed_at INTEGER
) STRICT;

CREATE INDEX dead_letters_dead_at ON dead_letters (dead_at);

-- Idempotency rows kept an unkeyed SHA-256 of the plaintext inquiry: with a
-- family's name, email and clinics known, the few possible pre-screen answers
-- could be tested against it. Rows now keep an HMAC-SHA-256 under a key
-- derived (HKDF) from LEADS_KEY, and that key's version
-- (worker/intake/idempotency.ts). The old hashes are dropped, not converted:
-- nothing can convert them without the bodies. A retry of a key sent before
-- this migration still maps to the same inquiry id (derived from the key), so
-- it is still one lead; only a reuse of such a key with another body goes unnoticed.
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys DROP COLUMN body_hash;
ALTER TABLE idempotency_keys ADD COLUMN body_mac TEXT NOT NULL DEFAULT '';
ALTER TABLE idempotency_keys ADD COLUMN key_version TEXT NOT NULL DEFAULT '';

-- The key check value of the key that sealed each lead (see
-- worker/crypto/lead-cipher.ts): a pull can tell a wrong LEADS_KEY for a
-- version from a damaged row. NULL on leads stored before it was kept.
ALTER TABLE leads ADD COLUMN key_check TEXT;

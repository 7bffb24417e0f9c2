-- What reports count, kept beside each lead in clear so counting never
-- leases or decrypts a lead. None of it is personal: attribution describes
-- the partner's page (its UTM parameters and path), and the review flag is
-- one bit with no answer behind it.

ALTER TABLE leads ADD COLUMN attr_source TEXT;
ALTER TABLE leads ADD COLUMN attr_medium TEXT;
ALTER TABLE leads ADD COLUMN attr_campaign TEXT;
ALTER TABLE leads ADD COLUMN attr_page TEXT;
-- 1 when any pre-screen answer was not "no"; NULL for leads stored before
-- this migration (their answers are only in the ciphertext).
ALTER TABLE leads ADD COLUMN flagged_for_review INTEGER;

-- Reports filter by time and group by partner; a partner's own report
-- filters by partner first.
CREATE INDEX leads_report ON leads (partner_id, received_at);
CREATE INDEX leads_received ON leads (received_at);

-- Custom SQL migration file, put your code below! --
-- Dashboard: samples received per period without touching the table (index-only once vacuumed):
-- the unarchived samples by received date, with the customer for the per-customer counts.
CREATE INDEX IF NOT EXISTS samples_received_live_idx ON samples USING btree (received_date, customer_id)
  WHERE archived_at IS NULL;

-- audit_events.ip becomes text as the schema says. abbrev() keeps the exact text the hash chain was
-- computed over ('127.0.0.1', not the plain cast's '127.0.0.1/32'), so existing chains still verify.
ALTER TABLE "audit_events" ALTER COLUMN "ip" SET DATA TYPE text USING abbrev("ip");--> statement-breakpoint
-- The mailer claims outbox rows with claimed_at (SKIP LOCKED sweep); the first migration lacked it.
ALTER TABLE "outbox" ADD COLUMN "claimed_at" timestamp (3) with time zone;

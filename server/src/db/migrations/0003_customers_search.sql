-- Substring search (`q`) over customers: trigram indexes, from the pg_trgm contrib extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "customers_company_name_trgm_idx" ON "customers" USING gin ("company_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_contact_person_trgm_idx" ON "customers" USING gin ("contact_person" gin_trgm_ops);
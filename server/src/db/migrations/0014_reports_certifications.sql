CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"project_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"sample_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"title" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"job_id" uuid,
	"error" text,
	"verify_code" text NOT NULL,
	"content" jsonb,
	"pdf_key" text,
	"pdf_sha256" text,
	"pdf_size" integer,
	"page_count" integer,
	"generated_at" timestamp (3) with time zone,
	"issue_date" date,
	"issued_at" timestamp (3) with time zone,
	"issued_by" uuid,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"superseded_at" timestamp (3) with time zone,
	"amendment_reason" text,
	"what_changed" text,
	"revoked_at" timestamp (3) with time zone,
	"revoke_reason" text,
	CONSTRAINT "reports_status_check" CHECK ("reports"."status" in ('queued','generating','draft','failed','issued','superseded','revoked'))
);
--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"product" text NOT NULL,
	"standard" text NOT NULL,
	"scope" text NOT NULL,
	"specification_id" uuid NOT NULL,
	"result_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"expiry_date" date NOT NULL,
	"issue_date" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"verify_code" text NOT NULL,
	"notes" text,
	"pdf_key" text,
	"pdf_sha256" text,
	"pdf_size" integer,
	"issued_at" timestamp (3) with time zone,
	"issued_by" uuid,
	"suspended_at" timestamp (3) with time zone,
	"suspend_reason" text,
	"revoked_at" timestamp (3) with time zone,
	"revoke_reason" text,
	"expired_at" timestamp (3) with time zone,
	CONSTRAINT "certifications_status_check" CHECK ("certifications"."status" in ('draft','issued','suspended','revoked','expired'))
);
--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_specification_id_specifications_id_fk" FOREIGN KEY ("specification_id") REFERENCES "public"."specifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_number_revision_key" ON "reports" USING btree ("number","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_verify_code_key" ON "reports" USING btree ("verify_code");--> statement-breakpoint
CREATE INDEX "reports_project_idx" ON "reports" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_customer_idx" ON "reports" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "reports_status_idx" ON "reports" USING btree ("status");--> statement-breakpoint
CREATE INDEX "reports_job_idx" ON "reports" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "reports_created_at_idx" ON "reports" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_number_key" ON "certifications" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_verify_code_key" ON "certifications" USING btree ("verify_code");--> statement-breakpoint
CREATE INDEX "certifications_customer_idx" ON "certifications" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "certifications_status_expiry_idx" ON "certifications" USING btree ("status","expiry_date");--> statement-breakpoint
CREATE INDEX "certifications_expiry_idx" ON "certifications" USING btree ("expiry_date","id");--> statement-breakpoint
CREATE INDEX "certifications_created_at_idx" ON "certifications" USING btree ("created_at","id");--> statement-breakpoint
-- Signatures are append-only, like the audit trail: a signature, once written, is evidence.
CREATE FUNCTION signatures_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'signatures are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER signatures_no_update_delete BEFORE UPDATE OR DELETE ON signatures
  FOR EACH ROW EXECUTE FUNCTION signatures_refuse_change();

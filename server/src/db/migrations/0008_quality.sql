CREATE TABLE "calibration_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"equipment_id" uuid NOT NULL,
	"performed_on" date NOT NULL,
	"performed_by_kind" text NOT NULL,
	"performed_by" text NOT NULL,
	"certificate_document_id" uuid,
	"certificate_number" text,
	"as_found" text NOT NULL,
	"as_left" text NOT NULL,
	"notes" text,
	"next_due_date" date,
	"impacted_result_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"ncr_id" uuid,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "equipment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"asset_number" text NOT NULL,
	"name" text NOT NULL,
	"model" text,
	"manufacturer" text,
	"serial_number" text,
	"location" text,
	"status" text DEFAULT 'in_service' NOT NULL,
	"status_reason" text,
	"calibration_interval_days" integer,
	"calibration_due_date" date,
	"notes" text,
	CONSTRAINT "equipment_interval_check" CHECK ("equipment"."calibration_interval_days" is null or "equipment"."calibration_interval_days" between 1 and 3650)
);
--> statement-breakpoint
CREATE TABLE "maintenance_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"equipment_id" uuid NOT NULL,
	"performed_on" date NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"performed_by" text NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "audit_findings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"audit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"clause" text,
	"description" text NOT NULL,
	"evidence" text,
	"ncr_id" uuid,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "audits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"scope" text,
	"clauses" text[] DEFAULT '{}'::text[] NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"actual_start" date,
	"actual_end" date,
	"lead_auditor_id" uuid,
	"auditor_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"auditee" text,
	"summary" text,
	"cancel_reason" text,
	"status" text DEFAULT 'planned' NOT NULL,
	CONSTRAINT "audits_dates_check" CHECK ("audits"."planned_end" >= "audits"."planned_start")
);
--> statement-breakpoint
CREATE TABLE "ncr_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"ncr_id" uuid NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"completed_by" uuid,
	"evidence" text
);
--> statement-breakpoint
CREATE TABLE "ncrs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"source_entity_type" text,
	"source_entity_id" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"severity" text NOT NULL,
	"owner_id" uuid,
	"containment" text,
	"whys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"root_cause" text,
	"effectiveness_check" text,
	"effectiveness_result" text,
	"impacted_result_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"closed_by" uuid,
	"signature_id" uuid,
	CONSTRAINT "ncrs_whys_check" CHECK (jsonb_array_length("ncrs"."whys") <= 5)
);
--> statement-breakpoint
ALTER TABLE "calibration_records" ADD CONSTRAINT "calibration_records_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_records" ADD CONSTRAINT "maintenance_records_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ncr_actions" ADD CONSTRAINT "ncr_actions_ncr_id_ncrs_id_fk" FOREIGN KEY ("ncr_id") REFERENCES "public"."ncrs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calibration_records_equipment_idx" ON "calibration_records" USING btree ("equipment_id","performed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_asset_number_key" ON "equipment" USING btree (lower("asset_number"));--> statement-breakpoint
CREATE INDEX "equipment_status_idx" ON "equipment" USING btree ("status");--> statement-breakpoint
CREATE INDEX "equipment_due_idx" ON "equipment" USING btree ("calibration_due_date","id");--> statement-breakpoint
CREATE INDEX "equipment_asset_sort_idx" ON "equipment" USING btree ("asset_number","id");--> statement-breakpoint
CREATE INDEX "equipment_created_at_idx" ON "equipment" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "maintenance_records_equipment_idx" ON "maintenance_records" USING btree ("equipment_id","performed_on");--> statement-breakpoint
CREATE INDEX "audit_findings_audit_idx" ON "audit_findings" USING btree ("audit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_findings_ncr_key" ON "audit_findings" USING btree ("ncr_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audits_number_key" ON "audits" USING btree ("number");--> statement-breakpoint
CREATE INDEX "audits_status_idx" ON "audits" USING btree ("status","planned_start");--> statement-breakpoint
CREATE INDEX "audits_planned_start_idx" ON "audits" USING btree ("planned_start","id");--> statement-breakpoint
CREATE INDEX "audits_lead_auditor_idx" ON "audits" USING btree ("lead_auditor_id");--> statement-breakpoint
CREATE INDEX "audits_created_at_idx" ON "audits" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "ncr_actions_ncr_idx" ON "ncr_actions" USING btree ("ncr_id","created_at");--> statement-breakpoint
CREATE INDEX "ncr_actions_due_idx" ON "ncr_actions" USING btree ("status","due_date","id");--> statement-breakpoint
CREATE INDEX "ncr_actions_owner_idx" ON "ncr_actions" USING btree ("owner_id","status","due_date");--> statement-breakpoint
CREATE INDEX "ncr_actions_created_at_idx" ON "ncr_actions" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ncrs_number_key" ON "ncrs" USING btree ("number");--> statement-breakpoint
CREATE INDEX "ncrs_status_idx" ON "ncrs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "ncrs_source_idx" ON "ncrs" USING btree ("source_entity_type","source_entity_id");--> statement-breakpoint
CREATE INDEX "ncrs_owner_idx" ON "ncrs" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "ncrs_created_at_idx" ON "ncrs" USING btree ("created_at","id");
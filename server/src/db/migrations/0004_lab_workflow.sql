CREATE TABLE "estimations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"previous_id" uuid,
	"rfq_id" uuid,
	"customer_id" uuid NOT NULL,
	"title" text,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"tax_rate" numeric(6, 3) DEFAULT '0' NOT NULL,
	"subtotal" numeric(16, 2) DEFAULT '0' NOT NULL,
	"tax_amount" numeric(16, 2) DEFAULT '0' NOT NULL,
	"total" numeric(16, 2) DEFAULT '0' NOT NULL,
	"valid_until" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"notes" text,
	"sent_at" timestamp (3) with time zone,
	"decided_at" timestamp (3) with time zone,
	"decided_by" uuid,
	"project_id" uuid,
	"sales_order_id" uuid,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "methods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"standard_reference" text,
	"method_version" text,
	"description" text,
	"parameters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_price" numeric(14, 2),
	"currency" text DEFAULT 'USD' NOT NULL,
	"tat_days" integer,
	"accredited" boolean DEFAULT false NOT NULL,
	"authorised_engineer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"description" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"start_date" date,
	"due_date" date,
	"manager_id" uuid,
	"rfq_id" uuid,
	"estimation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "rfqs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"title" text NOT NULL,
	"product_description" text,
	"requested_tests" text,
	"requested_method_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"quantity" integer,
	"received_date" date NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'received' NOT NULL,
	"notes" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "sales_orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"project_id" uuid,
	"estimation_id" uuid,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"tax_rate" numeric(6, 3) DEFAULT '0' NOT NULL,
	"subtotal" numeric(16, 2) DEFAULT '0' NOT NULL,
	"tax_amount" numeric(16, 2) DEFAULT '0' NOT NULL,
	"total" numeric(16, 2) DEFAULT '0' NOT NULL,
	"order_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"invoicing_status" text DEFAULT 'not_invoiced' NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "sample_custody" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sample_id" uuid NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"from_party" text,
	"to_party" text,
	"location" text,
	"notes" text,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"project_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"trf_id" uuid,
	"trf_item_no" integer,
	"parent_id" uuid,
	"description" text NOT NULL,
	"received_date" date NOT NULL,
	"received_by" uuid,
	"condition" text DEFAULT 'ok' NOT NULL,
	"condition_notes" text,
	"storage_location" text,
	"retention_until" date,
	"status" text DEFAULT 'received' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"previous_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"limits" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_executions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"plan_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"engineer_id" uuid,
	"equipment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"temperature_c" numeric(6, 2),
	"humidity_pct" numeric(5, 2),
	"status" text DEFAULT 'pending' NOT NULL,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"abort_reason" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "test_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"project_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"name" text,
	"sample_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"specification_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"decision_rule" text DEFAULT 'simple' NOT NULL,
	"engineer_id" uuid,
	"due_date" date,
	"priority" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "test_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"execution_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"parameter" text NOT NULL,
	"value_numeric" numeric,
	"value_text" text,
	"unit" text,
	"uncertainty" numeric,
	"decision_rule" text NOT NULL,
	"verdicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"overall_verdict" text,
	"status" text DEFAULT 'entered' NOT NULL,
	"entered_by" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"approved_by" uuid,
	"approved_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"correction_reason" text
);
--> statement-breakpoint
CREATE TABLE "trfs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"number" text NOT NULL,
	"project_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"applicant" jsonb NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"special_instructions" text,
	"declaration_accepted" boolean DEFAULT false NOT NULL,
	"signature_name" text,
	"signature_date" date,
	"status" text DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"submitted_by" uuid
);
--> statement-breakpoint
ALTER TABLE "estimations" ADD CONSTRAINT "estimations_rfq_id_rfqs_id_fk" FOREIGN KEY ("rfq_id") REFERENCES "public"."rfqs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "estimations" ADD CONSTRAINT "estimations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rfqs" ADD CONSTRAINT "rfqs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD CONSTRAINT "sales_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample_custody" ADD CONSTRAINT "sample_custody_sample_id_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "samples" ADD CONSTRAINT "samples_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_executions" ADD CONSTRAINT "test_executions_plan_id_test_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."test_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_executions" ADD CONSTRAINT "test_executions_sample_id_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."samples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_plans" ADD CONSTRAINT "test_plans_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_plans" ADD CONSTRAINT "test_plans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_plans" ADD CONSTRAINT "test_plans_method_id_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_execution_id_test_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."test_executions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trfs" ADD CONSTRAINT "trfs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trfs" ADD CONSTRAINT "trfs_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "estimations_number_revision_key" ON "estimations" USING btree ("number","revision");--> statement-breakpoint
CREATE INDEX "estimations_rfq_idx" ON "estimations" USING btree ("rfq_id");--> statement-breakpoint
CREATE INDEX "estimations_customer_idx" ON "estimations" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "estimations_status_idx" ON "estimations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "estimations_created_at_idx" ON "estimations" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "methods_code_key" ON "methods" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "methods_code_idx" ON "methods" USING btree ("code","id");--> statement-breakpoint
CREATE INDEX "methods_created_at_idx" ON "methods" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "methods_title_trgm_idx" ON "methods" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "projects_number_key" ON "projects" USING btree ("number");--> statement-breakpoint
CREATE INDEX "projects_customer_idx" ON "projects" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_created_at_idx" ON "projects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "projects_due_date_idx" ON "projects" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "projects_manager_idx" ON "projects" USING btree ("manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rfqs_number_key" ON "rfqs" USING btree ("number");--> statement-breakpoint
CREATE INDEX "rfqs_customer_idx" ON "rfqs" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "rfqs_status_idx" ON "rfqs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "rfqs_created_at_idx" ON "rfqs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "rfqs_due_date_idx" ON "rfqs" USING btree ("due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_orders_number_key" ON "sales_orders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "sales_orders_customer_idx" ON "sales_orders" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "sales_orders_created_at_idx" ON "sales_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "sales_orders_status_idx" ON "sales_orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "sample_custody_sample_idx" ON "sample_custody" USING btree ("sample_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "samples_number_key" ON "samples" USING btree ("number");--> statement-breakpoint
CREATE INDEX "samples_project_idx" ON "samples" USING btree ("project_id","number");--> statement-breakpoint
CREATE INDEX "samples_customer_idx" ON "samples" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "samples_parent_idx" ON "samples" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "samples_status_idx" ON "samples" USING btree ("status");--> statement-breakpoint
CREATE INDEX "samples_created_at_idx" ON "samples" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "specifications_code_revision_key" ON "specifications" USING btree (lower("code"),"revision");--> statement-breakpoint
CREATE INDEX "specifications_created_at_idx" ON "specifications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "specifications_name_idx" ON "specifications" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "test_executions_plan_idx" ON "test_executions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "test_executions_sample_idx" ON "test_executions" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "test_executions_project_idx" ON "test_executions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "test_executions_engineer_idx" ON "test_executions" USING btree ("engineer_id","status");--> statement-breakpoint
CREATE INDEX "test_executions_status_idx" ON "test_executions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "test_executions_created_at_idx" ON "test_executions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "test_plans_project_idx" ON "test_plans" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "test_plans_customer_idx" ON "test_plans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "test_plans_engineer_idx" ON "test_plans" USING btree ("engineer_id","status");--> statement-breakpoint
CREATE INDEX "test_plans_method_idx" ON "test_plans" USING btree ("method_id");--> statement-breakpoint
CREATE INDEX "test_plans_due_date_idx" ON "test_plans" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "test_plans_created_at_idx" ON "test_plans" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "test_results_execution_idx" ON "test_results" USING btree ("execution_id");--> statement-breakpoint
CREATE INDEX "test_results_plan_idx" ON "test_results" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "test_results_sample_idx" ON "test_results" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "test_results_project_idx" ON "test_results" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "test_results_customer_idx" ON "test_results" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "test_results_status_idx" ON "test_results" USING btree ("status");--> statement-breakpoint
CREATE INDEX "test_results_method_idx" ON "test_results" USING btree ("method_id","created_at");--> statement-breakpoint
CREATE INDEX "test_results_created_at_idx" ON "test_results" USING btree ("created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "trfs_number_key" ON "trfs" USING btree ("number");--> statement-breakpoint
CREATE INDEX "trfs_project_idx" ON "trfs" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "trfs_customer_idx" ON "trfs" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "trfs_status_idx" ON "trfs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "trfs_created_at_idx" ON "trfs" USING btree ("created_at","id");--> statement-breakpoint
-- The chain of custody is append-only like the audit trail: a handover, once recorded, stays.
CREATE FUNCTION append_only_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sample_custody_no_update_delete BEFORE UPDATE OR DELETE ON sample_custody
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER sample_custody_no_truncate BEFORE TRUNCATE ON sample_custody
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();

ALTER TABLE "estimations" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "rfqs" ADD COLUMN "status_reason" text;--> statement-breakpoint
CREATE INDEX "sales_orders_project_idx" ON "sales_orders" USING btree ("project_id");
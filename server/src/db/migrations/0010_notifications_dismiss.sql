ALTER TABLE "notifications" ADD COLUMN "archived_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD COLUMN "invoice_number" text;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD COLUMN "invoice_date" date;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD COLUMN "paid_date" date;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD COLUMN "status_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "sales_orders_invoice_number_key" ON "sales_orders" USING btree ("invoice_number") WHERE "sales_orders"."invoice_number" is not null;--> statement-breakpoint
CREATE INDEX "sales_orders_invoice_date_idx" ON "sales_orders" USING btree ("invoice_date","id");--> statement-breakpoint
CREATE INDEX "sales_orders_invoicing_status_idx" ON "sales_orders" USING btree ("invoicing_status");
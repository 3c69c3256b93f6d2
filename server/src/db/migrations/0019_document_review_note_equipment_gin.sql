ALTER TABLE "documents" ADD COLUMN "review_note" text;--> statement-breakpoint
CREATE INDEX "test_executions_equipment_idx" ON "test_executions" USING gin ("equipment_ids");
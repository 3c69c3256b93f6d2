CREATE INDEX "samples_trf_idx" ON "samples" USING btree ("trf_id","trf_item_no");--> statement-breakpoint
CREATE INDEX "samples_received_date_idx" ON "samples" USING btree ("received_date","id");
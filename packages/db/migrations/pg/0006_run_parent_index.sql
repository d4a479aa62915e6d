ALTER TABLE "runs" DROP CONSTRAINT "runs_trigger_check";--> statement-breakpoint
CREATE INDEX "runs_parent_started_idx" ON "runs" USING btree ("parent_run_id","started_at","id");--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_trigger_check" CHECK ("runs"."trigger" in ('manual', 'webhook', 'schedule', 'rerun', 'flow'));
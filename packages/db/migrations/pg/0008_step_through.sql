ALTER TABLE "runs" DROP CONSTRAINT "runs_status_check";--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "pause_rules" json;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "paused_before" json;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_status_check" CHECK ("runs"."status" in ('queued', 'running', 'waiting', 'needs_attention', 'paused', 'succeeded', 'failed', 'cancelled'));
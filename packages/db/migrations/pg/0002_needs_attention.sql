ALTER TABLE "node_results" DROP CONSTRAINT "node_results_status_check";--> statement-breakpoint
ALTER TABLE "runs" DROP CONSTRAINT "runs_status_check";--> statement-breakpoint
ALTER TABLE "node_results" ADD CONSTRAINT "node_results_status_check" CHECK ("node_results"."status" in ('succeeded', 'failed', 'skipped', 'cancelled', 'waiting', 'sending'));--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_status_check" CHECK ("runs"."status" in ('queued', 'running', 'waiting', 'needs_attention', 'succeeded', 'failed', 'cancelled'));
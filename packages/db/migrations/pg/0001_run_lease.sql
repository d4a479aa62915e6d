ALTER TABLE "runs" ADD COLUMN "worker_id" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "lease_until" bigint;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "fence" integer DEFAULT 0 NOT NULL;
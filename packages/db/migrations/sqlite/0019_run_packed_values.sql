-- `event` becomes nullable (a packed row keeps it in `packed`, see src/packed-run.ts), which SQLite can only do by
-- copying the table. Existing rows stay plain and read as before.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text,
	`flow_version` integer,
	`owner_id` text,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`event` text,
	`output` text,
	`error` text,
	`parent_run_id` text,
	`document` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`worker_id` text,
	`lease_until` integer,
	`fence` integer DEFAULT 0 NOT NULL,
	`history` text,
	`pause_rules` text,
	`paused_before` text,
	`results` text,
	`packed` blob,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "runs_status_check" CHECK("__new_runs"."status" in ('queued', 'running', 'waiting', 'needs_attention', 'paused', 'succeeded', 'failed', 'cancelled')),
	CONSTRAINT "runs_trigger_check" CHECK("__new_runs"."trigger" in ('manual', 'webhook', 'schedule', 'rerun', 'flow'))
);
--> statement-breakpoint
INSERT INTO `__new_runs`("id", "flow_id", "flow_version", "owner_id", "trigger", "status", "event", "output", "error", "parent_run_id", "document", "started_at", "finished_at", "worker_id", "lease_until", "fence", "history", "pause_rules", "paused_before", "results") SELECT "id", "flow_id", "flow_version", "owner_id", "trigger", "status", "event", "output", "error", "parent_run_id", "document", "started_at", "finished_at", "worker_id", "lease_until", "fence", "history", "pause_rules", "paused_before", "results" FROM `runs`;--> statement-breakpoint
DROP TABLE `runs`;--> statement-breakpoint
ALTER TABLE `__new_runs` RENAME TO `runs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `runs_started_idx` ON `runs` (`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `runs_owner_started_idx` ON `runs` (`owner_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `runs_flow_started_idx` ON `runs` (`flow_id`,`started_at`,`id`);--> statement-breakpoint
CREATE INDEX `runs_open_idx` ON `runs` (`status`,`started_at`,`id`) WHERE "runs"."status" in ('queued', 'running', 'waiting', 'needs_attention', 'paused');--> statement-breakpoint
CREATE INDEX `runs_parent_started_idx` ON `runs` (`parent_run_id`,`started_at`,`id`) WHERE "runs"."parent_run_id" is not null;
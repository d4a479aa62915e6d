CREATE TABLE `run_callbacks` (
	`run_id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`url` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "run_callbacks_state_check" CHECK("run_callbacks"."state" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `run_callbacks_due_idx` ON `run_callbacks` (`state`,`next_attempt_at`);
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_node_results` (
	`run_id` text NOT NULL,
	`key` text NOT NULL,
	`node_id` text NOT NULL,
	`status` text NOT NULL,
	`ports` text NOT NULL,
	`input` text,
	`output` text,
	`error` text,
	`attempts` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `key`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "node_results_status_check" CHECK("__new_node_results"."status" in ('succeeded', 'failed', 'skipped', 'cancelled', 'waiting'))
);
--> statement-breakpoint
INSERT INTO `__new_node_results`("run_id", "key", "node_id", "status", "ports", "input", "output", "error", "attempts", "started_at", "finished_at") SELECT "run_id", "key", "node_id", "status", "ports", "input", "output", "error", "attempts", "started_at", "finished_at" FROM `node_results`;--> statement-breakpoint
DROP TABLE `node_results`;--> statement-breakpoint
ALTER TABLE `__new_node_results` RENAME TO `node_results`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
ALTER TABLE `runs` ADD `worker_id` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `fence` integer DEFAULT 0 NOT NULL;
CREATE TABLE `feed_items` (
	`id` text PRIMARY KEY NOT NULL,
	`feed` text NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`link` text NOT NULL,
	`summary` text NOT NULL,
	`content` text NOT NULL,
	`author` text NOT NULL,
	`guid` text NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`feed`) REFERENCES `feeds`(`name`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feed_items_key_unique` ON `feed_items` (`key`);--> statement-breakpoint
CREATE INDEX `feed_items_feed_published_idx` ON `feed_items` (`feed`,`published_at`,`id`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`name` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pages` (
	`slug` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `publish_receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`state` text NOT NULL,
	`result` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "publish_receipts_kind_check" CHECK("publish_receipts"."kind" in ('page', 'file', 'mail')),
	CONSTRAINT "publish_receipts_state_check" CHECK("publish_receipts"."state" in ('pending', 'done'))
);

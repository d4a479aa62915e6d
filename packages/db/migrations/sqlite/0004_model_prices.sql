CREATE TABLE `model_prices` (
	`model` text PRIMARY KEY NOT NULL,
	`cny_input` real NOT NULL,
	`cny_output` real NOT NULL,
	`usd_input` real NOT NULL,
	`usd_output` real NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);

CREATE TABLE `model_prices` (
	`model` text PRIMARY KEY NOT NULL,
	`cny_input` real NOT NULL,
	`cny_output` real NOT NULL,
	`usd_input` real NOT NULL,
	`usd_output` real NOT NULL,
	`cny_image` real,
	`usd_image` real,
	`cny_speech_million_chars` real,
	`usd_speech_million_chars` real,
	`cny_audio_minute` real,
	`usd_audio_minute` real,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);

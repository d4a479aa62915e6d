CREATE TABLE `demo_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`owner_id` text NOT NULL,
	`run_id` text,
	`channel` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`format` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "demo_messages_channel_check" CHECK("demo_messages"."channel" in ('wecom', 'dingtalk', 'feishu', 'email')),
	CONSTRAINT "demo_messages_format_check" CHECK("demo_messages"."format" in ('text', 'markdown'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demo_messages_key_unique` ON `demo_messages` (`key`);--> statement-breakpoint
CREATE INDEX `demo_messages_owner_created_idx` ON `demo_messages` (`owner_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `flows` ADD `published_revision` integer;--> statement-breakpoint
-- Published flows whose draft still equals the published version have no unpublished changes.
UPDATE `flows` SET `published_revision` = `updated_at` WHERE `published_version` IS NOT NULL AND `document` = (SELECT `document` FROM `flow_versions` WHERE `flow_versions`.`flow_id` = `flows`.`id` AND `flow_versions`.`version` = `flows`.`published_version`);

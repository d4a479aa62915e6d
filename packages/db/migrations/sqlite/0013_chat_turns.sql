CREATE TABLE `chat_turns` (
	`id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`citations` text NOT NULL,
	`run_id` text,
	`rating` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_turns_conversation_idx` ON `chat_turns` (`flow_id`,`conversation_id`,`created_at`);
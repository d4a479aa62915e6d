CREATE TABLE `kb_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`kb_id` text NOT NULL,
	`document_id` text NOT NULL,
	`position` integer NOT NULL,
	`heading` text,
	`text` text NOT NULL,
	`length` integer NOT NULL,
	`embedding` blob,
	FOREIGN KEY (`kb_id`) REFERENCES `knowledge_bases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `kb_documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kb_chunks_document_idx` ON `kb_chunks` (`document_id`,`position`);--> statement-breakpoint
CREATE INDEX `kb_chunks_kb_idx` ON `kb_chunks` (`kb_id`);--> statement-breakpoint
CREATE TABLE `kb_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`kb_id` text NOT NULL,
	`name` text NOT NULL,
	`mime_type` text NOT NULL,
	`source_url` text,
	`bytes` integer NOT NULL,
	`content` blob NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`chunk_count` integer DEFAULT 0 NOT NULL,
	`lease_until` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`kb_id`) REFERENCES `knowledge_bases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kb_documents_name_idx` ON `kb_documents` (`kb_id`,`name`);--> statement-breakpoint
CREATE INDEX `kb_documents_status_idx` ON `kb_documents` (`status`);--> statement-breakpoint
CREATE TABLE `kb_terms` (
	`kb_id` text NOT NULL,
	`term` text NOT NULL,
	`chunk_id` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`kb_id`, `term`, `chunk_id`),
	FOREIGN KEY (`chunk_id`) REFERENCES `kb_chunks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kb_terms_chunk_idx` ON `kb_terms` (`chunk_id`);--> statement-breakpoint
CREATE TABLE `knowledge_bases` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`embedding_provider_id` text,
	`embedding_model` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `knowledge_bases_owner_idx` ON `knowledge_bases` (`owner_id`);
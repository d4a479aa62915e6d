CREATE TABLE "demo_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"owner_id" text NOT NULL,
	"run_id" text,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"format" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "demo_messages_key_unique" UNIQUE("key"),
	CONSTRAINT "demo_messages_channel_check" CHECK ("demo_messages"."channel" in ('wecom', 'dingtalk', 'feishu', 'email')),
	CONSTRAINT "demo_messages_format_check" CHECK ("demo_messages"."format" in ('text', 'markdown'))
);
--> statement-breakpoint
ALTER TABLE "flows" ADD COLUMN "published_revision" bigint;--> statement-breakpoint
ALTER TABLE "demo_messages" ADD CONSTRAINT "demo_messages_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demo_messages_owner_created_idx" ON "demo_messages" USING btree ("owner_id","created_at");--> statement-breakpoint
-- Published flows whose draft still equals the published version have no unpublished changes.
UPDATE "flows" SET "published_revision" = "updated_at" WHERE "published_version" IS NOT NULL AND "document"::text = (SELECT "document"::text FROM "flow_versions" WHERE "flow_versions"."flow_id" = "flows"."id" AND "flow_versions"."version" = "flows"."published_version");

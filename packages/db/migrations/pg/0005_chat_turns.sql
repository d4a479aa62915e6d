CREATE TABLE "chat_turns" (
	"id" text PRIMARY KEY NOT NULL,
	"flow_id" text NOT NULL,
	"conversation_id" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"citations" json NOT NULL,
	"run_id" text,
	"rating" integer,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_turns_conversation_idx" ON "chat_turns" USING btree ("flow_id","conversation_id","created_at");
CREATE TABLE "runs_not_kept" (
	"flow_id" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "history" text;--> statement-breakpoint
ALTER TABLE "runs_not_kept" ADD CONSTRAINT "runs_not_kept_flow_id_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."flows"("id") ON DELETE cascade ON UPDATE no action;
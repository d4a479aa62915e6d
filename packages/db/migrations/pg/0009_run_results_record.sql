ALTER TABLE "runs" ADD COLUMN "results" json;--> statement-breakpoint
-- Each run's node rows become one record (see src/results-record.ts), as in the SQLite migration. Built through
-- jsonb, which refuses U+0000: a value holding it keeps it as U+FFFD.
UPDATE "runs" SET "results" = converted.record FROM (
  SELECT n.run_id, jsonb_object_agg(n.key,
    jsonb_build_object('n', n.node_id, 's', n.status, 'p', n.ports::text::jsonb,
      'i', replace(n.input::text, '\u0000', '\ufffd')::jsonb, 'o', replace(n.output::text, '\u0000', '\ufffd')::jsonb,
      'e', n.error::text::jsonb, 'a', n.attempts, 't', n.started_at - r.started_at, 'd', n.finished_at - n.started_at)
    - array_remove(ARRAY[
        CASE WHEN n.node_id = n.key THEN 'n' END,
        CASE WHEN n.status = 'succeeded' THEN 's' END,
        CASE WHEN n.input IS NULL THEN 'i' END,
        CASE WHEN n.output IS NULL THEN 'o' END,
        CASE WHEN n.error IS NULL THEN 'e' END], NULL))::json AS record
  FROM "node_results" n JOIN "runs" r ON r.id = n.run_id
  GROUP BY n.run_id) AS converted
WHERE converted.run_id = "runs"."id";--> statement-breakpoint
DROP TABLE "node_results" CASCADE;--> statement-breakpoint
DROP INDEX "runs_status_started_idx";--> statement-breakpoint
DROP INDEX "runs_parent_started_idx";--> statement-breakpoint
CREATE INDEX "runs_open_idx" ON "runs" USING btree ("status","started_at","id") WHERE "runs"."status" in ('queued', 'running', 'waiting', 'needs_attention', 'paused');--> statement-breakpoint
CREATE INDEX "runs_parent_started_idx" ON "runs" USING btree ("parent_run_id","started_at","id") WHERE "runs"."parent_run_id" is not null;

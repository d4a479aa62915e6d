-- An ended run's values deflated together (see src/packed-run.ts); existing rows stay plain and read as before.
ALTER TABLE "runs" ALTER COLUMN "event" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "packed" "bytea";
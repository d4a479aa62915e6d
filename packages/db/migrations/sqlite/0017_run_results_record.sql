ALTER TABLE `runs` ADD `results` text;--> statement-breakpoint
-- Each run's node rows become one record (see src/results-record.ts): times counted from the run's start, the node id
-- left out when it is the key and the status when it is `succeeded`; a SQL NULL input, output or error left out (a
-- JSON null output stays). Ports and attempts are kept as they are: a reader takes them when present.
UPDATE `runs` SET `results` = (
  SELECT json_group_object(n.key, json_remove(
    json_object('n', n.node_id, 's', n.status, 'p', json(n.ports), 'i', json(n.input), 'o', json(n.output),
      'e', json(n.error), 'a', n.attempts, 't', n.started_at - runs.started_at, 'd', n.finished_at - n.started_at),
    CASE WHEN n.node_id = n.key THEN '$.n' ELSE '$."-"' END,
    CASE WHEN n.status = 'succeeded' THEN '$.s' ELSE '$."-"' END,
    CASE WHEN n.input IS NULL THEN '$.i' ELSE '$."-"' END,
    CASE WHEN n.output IS NULL THEN '$.o' ELSE '$."-"' END,
    CASE WHEN n.error IS NULL THEN '$.e' ELSE '$."-"' END))
  FROM `node_results` n WHERE n.run_id = runs.id)
WHERE EXISTS (SELECT 1 FROM `node_results` n WHERE n.run_id = runs.id);--> statement-breakpoint
DROP TABLE `node_results`;--> statement-breakpoint
DROP INDEX `runs_status_started_idx`;--> statement-breakpoint
DROP INDEX `runs_parent_started_idx`;--> statement-breakpoint
CREATE INDEX `runs_open_idx` ON `runs` (`status`,`started_at`,`id`) WHERE "runs"."status" in ('queued', 'running', 'waiting', 'needs_attention', 'paused');--> statement-breakpoint
CREATE INDEX `runs_parent_started_idx` ON `runs` (`parent_run_id`,`started_at`,`id`) WHERE "runs"."parent_run_id" is not null;

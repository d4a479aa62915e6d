/**
 * The preset dictionary of packed format 1 (see packed-run.ts): text that most stored runs contain, so that even a
 * run of a few hundred bytes finds its keys and structure already "seen". Deflate refers back into it like into
 * earlier data, nearer is cheaper, so the most common fragments come last.
 *
 * Never edit it: every row packed in format 1 inflates only with exactly these bytes. A better dictionary is a new
 * format number, with this one kept for the rows already written.
 */
const FRAGMENTS = [
  // A draft run's document.
  '{"schemaVersion":1,"name":"","nodes":[{"id":"","type":"trigger.manual","version":1,"name":"","position":{"x":0,"y":0},"config":{}},',
  '"type":"ai.chat","type":"ai.agent","type":"data.transform","type":"text.template","type":"flow.respond","type":"trigger.webhook",',
  '"edges":[{"id":"e1","source":"","target":"","sourceHandle":"out"}]}',
  // Errors and node results that are not plain successes.
  '"error":{"code":"NODE_FAILED","message":"","retryable":false}',
  '"s":"failed","e":{"code":"","message":""},"s":"skipped","p":[],"a":0},"s":"waiting","s":"sending","p":["true"],"p":["false"],',
  // Model outputs.
  '"reason":"","model":"demo-chat","provider":"demo","usage":{"promptTokens":0,"completionTokens":0},"cost":{"cny":0,"usd":0}}',
  '"content":"","role":"assistant","toolCalls":[],"items":[],"values":[],"first":',
  // The output of a `flow.respond`.
  '{"status":200,"headers":{"content-type":"application/json"},"body":{"ok":true,"message":"","title":"","summary":"","text":"","result":',
  // Events: schedules and manual runs, then webhook calls.
  '{"body":null,"firedAt":"2026-01-01T00:00:00.000Z"},"scheduledAt":',
  '"user-agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/ Safari/537.36","origin":"https://","referer":"https://",',
  '"user-agent":"curl/8.","user-agent":"python-requests/2.","user-agent":"node","x-request-id":"","authorization":"',
  '[{"body":{"id":"","name":"","message":"","email":"","text":"","type":"","data":{},"source":"","tags":[],"',
  '"headers":{"content-type":"application/json","user-agent":"node"},"query":{},"method":"POST","firedAt":"2026-',
  // Node results: one entry per node, mostly a start offset, an output and a duration.
  ',{"hook":{"t":0,"d":1},"o":{"text":"","o":{"result":"","d":0},"',
]

export const PACK_DICTIONARY_1 = Buffer.from(FRAGMENTS.join(''))

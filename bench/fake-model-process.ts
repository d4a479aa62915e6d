/**
 * The fake OpenAI server for the AI benchmark, in its own process: sharing the load generator's event loop would
 * add its queueing to every latency measured. Prints `{"url"}` once listening; SIGTERM stops it.
 */
import { startFakeOpenAI } from '@zhiliu/fake-openai'

// About 500 ms per answer, as the issue sets it: 300 ms to the first token, then a piece every 20 ms.
const fake = await startFakeOpenAI({ apiKey: 'sk-bench', delayMs: 300, chunkDelayMs: 20, chunkSize: 8 })
console.log(JSON.stringify({ msg: 'listening', url: fake.url }))
process.once('SIGTERM', () => void fake.close().then(() => process.exit(0)))

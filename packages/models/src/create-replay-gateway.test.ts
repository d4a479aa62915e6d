import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeOpenAI } from '@zhiliu/fake-openai'
import type { NodeChunk } from '@zhiliu/nodes'
import { describe, expect, it } from 'vitest'
import { createModelGateway } from './create-model-gateway.ts'
import { createRecordingGateway } from './create-recording-gateway.ts'
import { createReplayGateway } from './create-replay-gateway.ts'
import { providerAt } from './fake-provider.ts'
import { RecordingFile } from './recording-file.ts'

const signal = new AbortController().signal
const ask = { provider: 'cred_1', messages: [{ role: 'user' as const, content: '讲个笑话' }] }
const picture = { prompt: '一只猫' }

describe('record and replay', () => {
  it('replays recorded answers, chunks and images with the server closed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhiliu-rec-')), 'recording.json')
    const fake = await startFakeOpenAI()
    fake.script({ content: '从前有座山', reasoning: '想一个' })
    const live = createModelGateway({ resolveProvider: () => providerAt(fake, 'openai') })
    const recorder = createRecordingGateway(live, file)
    const liveChunks: NodeChunk[] = []
    const answer = await recorder.chat(ask, signal, (c) => liveChunks.push(c))
    const image = await recorder.image?.(picture, signal)
    await recorder.flush()
    await fake.close()

    const replay = createReplayGateway(file)
    const replayedChunks: NodeChunk[] = []
    expect(await replay.chat(ask, signal, (c) => replayedChunks.push(c))).toEqual(answer)
    expect(replayedChunks).toEqual(liveChunks)
    expect(replayedChunks.map((c) => c.channel)).toContain('reasoning')
    expect(await replay.image?.(picture, signal)).toEqual(image)

    const saved = RecordingFile.parse(JSON.parse(readFileSync(file, 'utf8')))
    expect(Object.keys(saved.exchanges).sort()).toEqual([
      expect.stringMatching(/^chat:/),
      expect.stringMatching(/^image:/),
    ])
  })

  it('keys by the request content, not by key order, and names a request it never saw', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhiliu-rec-')), 'recording.json')
    const fake = await startFakeOpenAI()
    const recorder = createRecordingGateway(
      createModelGateway({ resolveProvider: () => providerAt(fake, 'deepseek') }),
      file,
    )
    await recorder.chat({ temperature: 0.5, ...ask }, signal)
    await recorder.flush()
    await fake.close()

    const replay = createReplayGateway(file)
    const reordered = { messages: ask.messages, provider: 'cred_1', temperature: 0.5 }
    expect((await replay.chat(reordered, signal)).text).toBe('Fake answer: 讲个笑话')
    const changed = { ...reordered, messages: [{ role: 'user' as const, content: '讲个冷笑话' }] }
    const err = await replay.chat(changed, signal).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'REPLAY_MISS' })
    expect((err as Error).message).toContain('last message starts "讲个冷笑话"')
  })

  it('adds to an existing recording instead of replacing it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhiliu-rec-')), 'recording.json')
    const fake = await startFakeOpenAI()
    const live = createModelGateway({ resolveProvider: () => providerAt(fake, 'deepseek') })
    const first = createRecordingGateway(live, file)
    await first.chat({ messages: [{ role: 'user', content: '一' }] }, signal)
    await first.flush()
    const second = createRecordingGateway(live, file)
    await Promise.all([
      second.chat({ messages: [{ role: 'user', content: '二' }] }, signal),
      second.chat({ messages: [{ role: 'user', content: '三' }] }, signal),
    ])
    await second.flush()
    await fake.close()
    expect(Object.keys(RecordingFile.parse(JSON.parse(readFileSync(file, 'utf8'))).exchanges)).toHaveLength(3)
  })
})

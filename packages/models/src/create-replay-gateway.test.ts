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
const memo = new Uint8Array(Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(32)]))

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

  it('replays speech and transcription with the server closed, keyed by the audio bytes without storing them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhiliu-rec-')), 'recording.json')
    const fake = await startFakeOpenAI()
    const recorder = createRecordingGateway(
      createModelGateway({ resolveProvider: () => providerAt(fake, 'openai') }),
      file,
    )
    const said = { input: '明天有雨。', format: 'mp3' as const }
    const spoken = await recorder.speech?.(said, signal)
    const heard = { audio: memo, mimeType: 'audio/wav', filename: 'audio.wav', language: 'zh' }
    const transcript = await recorder.transcribe?.(heard, signal)
    await recorder.flush()
    await fake.close()

    const replay = createReplayGateway(file)
    const replayedSpeech = await replay.speech?.(said, signal)
    expect(replayedSpeech).toEqual({ ...spoken, audio: expect.any(Uint8Array) })
    expect(Buffer.from(replayedSpeech?.audio ?? []).toString()).toBe('FAKE-AUDIO voice=alloy: 明天有雨。')
    expect(await replay.transcribe?.({ ...heard, audio: new Uint8Array(memo) }, signal)).toEqual(transcript)
    const other = { ...heard, audio: new Uint8Array([...memo, 0]) }
    expect(await replay.transcribe?.(other, signal).catch((e: unknown) => e)).toMatchObject({
      code: 'REPLAY_MISS',
      message: expect.stringContaining(`audio.wav (${memo.length + 1} bytes)`),
    })
    expect(await replay.speech?.({ ...said, voice: 'nova' }, signal).catch((e: unknown) => e)).toMatchObject({
      code: 'REPLAY_MISS',
    })

    const text = readFileSync(file, 'utf8')
    expect(Object.keys(RecordingFile.parse(JSON.parse(text)).exchanges).sort()).toEqual([
      expect.stringMatching(/^speech:/),
      expect.stringMatching(/^transcribe:/),
    ])
    expect(text).toContain('"audio": "sha256:')
  })

  it('replays a question about an inline image without writing the image into the recording', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'zhiliu-rec-')), 'recording.json')
    const fake = await startFakeOpenAI()
    const recorder = createRecordingGateway(
      createModelGateway({ resolveProvider: () => providerAt(fake, 'openai') }),
      file,
    )
    const image = `data:image/png;base64,${'QUJD'.repeat(1000)}`
    const look = {
      messages: [
        {
          role: 'user' as const,
          content: [
            { type: 'text' as const, text: '这是什么？' },
            { type: 'image' as const, url: image },
          ],
        },
      ],
    }
    const answer = await recorder.chat(look, signal)
    await recorder.flush()
    await fake.close()
    expect(await createReplayGateway(file).chat(look, signal)).toEqual(answer)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('QUJDQUJD')
    expect(text).toContain('data:image/png;base64,sha256:')
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

import { z } from 'zod'
import type { ModelGateway } from '../context.ts'
import { NodeError } from '../errors.ts'
import { modelFields } from './ai-model-fields.ts'

/** What the media nodes share with the chat nodes: which provider and model, and the demo script. */
export const mediaModelFields = {
  provider: modelFields.provider,
  model: modelFields.model,
  demoKey: modelFields.demoKey,
}

/** A file the run's media store keeps: on the server at `/media/<id>`, in the CLI a `file://` URL. */
export const StoredFile = z.object({ url: z.string(), mimeType: z.string(), id: z.string() })
export type StoredFile = z.infer<typeof StoredFile>

export function mediaSettings(config: { provider: string; model: string; demoKey?: string | undefined }) {
  return {
    ...(config.provider ? { provider: config.provider } : {}),
    ...(config.model ? { model: config.model } : {}),
    ...(config.demoKey ? { demoKey: config.demoKey } : {}),
  }
}

const abilities = {
  image: 'generate images',
  speech: 'turn text into speech',
  transcribe: 'transcribe audio',
}

/** The gateway's optional method, or a clear refusal: a run wired without it (a replayed demo) cannot do this. */
export function gatewayMethod<K extends keyof typeof abilities>(
  models: ModelGateway,
  name: K,
): NonNullable<ModelGateway[K]> {
  const method = models[name]
  if (!method) {
    throw new NodeError(
      'MODEL_CAPABILITY_MISSING',
      `The models configured for this run cannot ${abilities[name]}`,
    )
  }
  return method.bind(models) as NonNullable<ModelGateway[K]>
}

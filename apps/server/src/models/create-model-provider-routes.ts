import { createRoute, z } from '@hono/zod-openapi'
import type { Access } from '@zhiliu/db'
import {
  type ConnectionResult,
  MODEL_PROVIDER_CREDENTIAL,
  ProviderPreset,
  providerFromCredential,
  providerPresets,
  type ResolvedProvider,
  suggestedModels,
} from '@zhiliu/models'
import { NodeError } from '@zhiliu/nodes'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { createSecretReader } from '../credentials/create-secret-reader.ts'
import { modelProviderType } from '../credentials/model-provider-type.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, IdParam, json, jsonBody } from '../http/openapi-helpers.ts'
import type { SameShape } from '../http/same-shape.ts'

const tags = ['models']
const editor = requireRole('editor')

const Providers = z
  .object({
    items: z.array(ProviderPreset),
    default: z
      .object({
        preset: z.string(),
        model: z.string(),
        models: z.array(z.string()).openapi({ description: 'Models to suggest: `model` first' }),
        demo: z
          .boolean()
          .openapi({ description: 'No key configured: nodes without a provider get sample answers' }),
      })
      .openapi({
        description:
          'What nodes that name no provider use (OPENAI_BASE_URL, OPENAI_API_KEY, ZHILIU_DEFAULT_MODEL)',
      }),
  })
  .openapi('ModelProviders')

const Connection = z
  .object({
    ok: z.boolean(),
    models: z
      .array(z.string())
      .optional()
      .openapi({ description: 'What the provider lists, when it lists them' }),
    problem: z.enum(['bad_key', 'bad_url', 'model_missing', 'unreachable']).optional(),
    message: z.string().openapi({ description: 'One sentence a person can act on' }),
  })
  .openapi('ConnectionTest')
const connectionMatches: SameShape<z.infer<typeof Connection>, ConnectionResult> = true
void connectionMatches

const ProviderModels = z
  .object({
    preset: z.string(),
    models: z
      .array(z.string())
      .openapi({ description: 'The model a node that names none gets first, then the other suggestions' }),
  })
  .openapi('ProviderModels')

const listProviders = createRoute({
  method: 'get',
  path: '/model-providers',
  tags,
  summary: 'Model provider presets (labels, default base URL, models, capabilities) and the default provider',
  responses: { 200: json(Providers, 'Presets'), ...errors(401) },
})

const testUnsaved = createRoute({
  method: 'post',
  path: '/model-providers/test',
  tags,
  summary: 'Test a provider configuration before saving it: lists its models and checks the default model',
  middleware: [editor] as const,
  request: { body: jsonBody(modelProviderType.fields) },
  responses: { 200: json(Connection, 'The outcome, ok or not'), ...errors(400, 401, 403) },
})

const testStored = createRoute({
  method: 'post',
  path: '/credentials/{id}/test',
  tags: ['credentials', ...tags],
  summary: 'Test a stored model provider credential',
  middleware: [editor] as const,
  request: { params: IdParam },
  responses: { 200: json(Connection, 'The outcome, ok or not'), ...errors(400, 401, 403, 404) },
})

const modelsOfStored = createRoute({
  method: 'get',
  path: '/credentials/{id}/models',
  tags: ['credentials', ...tags],
  summary:
    "Models to suggest for a stored model provider: its default model, then its preset's list (nothing secret)",
  request: { params: IdParam },
  responses: { 200: json(ProviderModels, 'Suggestions'), ...errors(400, 401, 404) },
})

export function createModelProviderRoutes(deps: AppDeps) {
  const { defaultProvider } = deps.models
  const models = suggestedModels(defaultProvider)
  const defaults = {
    preset: defaultProvider.preset.id,
    model: models[0] ?? '',
    models,
    demo: defaultProvider.preset.id === 'demo',
  }
  /** The message may quote what the provider said; a key it echoed must not come back in clear. */
  const test = async (provider: ResolvedProvider, signal: AbortSignal) => {
    const result = await deps.models.test(provider, signal)
    return { ...result, message: String(deps.redactor.redact(result.message)) }
  }
  const resolve = (id: string, fields: Record<string, string>, name?: string) => {
    try {
      return providerFromCredential(id, fields, name)
    } catch (err) {
      if (err instanceof NodeError) throw ApiError.badRequest(err.code, err.message)
      throw err
    }
  }

  const openStored = async (access: Access, id: string, wrongType: string) => {
    const row = await deps.store.getCredential(access, id)
    if (!row) throw ApiError.notFound('Credential', id)
    if (row.type !== MODEL_PROVIDER_CREDENTIAL) {
      throw ApiError.badRequest(
        wrongType,
        `"${row.name}" is a credential of type ${row.type}, not a model provider`,
      )
    }
    const { name, fields } = await createSecretReader(deps, access).open(id, MODEL_PROVIDER_CREDENTIAL)
    return resolve(id, fields, name)
  }

  return createRouter()
    .openapi(listProviders, (c) => c.json({ items: [...providerPresets], default: defaults }, 200))
    .openapi(testUnsaved, async (c) => {
      const fields = c.req.valid('json')
      if (fields.apiKey) deps.redactor.add(fields.apiKey)
      const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
      return c.json(await test(resolve('unsaved', data as Record<string, string>), c.req.raw.signal), 200)
    })
    .openapi(testStored, async (c) => {
      const provider = await openStored(c.get('access'), c.req.valid('param').id, 'CREDENTIAL_NOT_TESTABLE')
      return c.json(await test(provider, c.req.raw.signal), 200)
    })
    .openapi(modelsOfStored, async (c) => {
      const provider = await openStored(c.get('access'), c.req.valid('param').id, 'CREDENTIAL_NOT_A_PROVIDER')
      // The default model is already in the credential's hint; the rest is the public preset.
      return c.json({ preset: provider.preset.id, models: suggestedModels(provider) }, 200)
    })
}

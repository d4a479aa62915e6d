import { createRoute, z } from '@hono/zod-openapi'
import { StoreError, type User } from '@zhiliu/db'
import type { AppDeps } from '../app-deps.ts'
import { requireRole } from '../auth/require-role.ts'
import { ApiError } from '../http/api-error.ts'
import { createRouter } from '../http/create-router.ts'
import { errors, json, jsonBody } from '../http/openapi-helpers.ts'
import { RunSummaryView } from '../runs/run-view.ts'
import { hashGeneratedPassword } from '../security/password.ts'
import { readablePassword } from '../security/readable-password.ts'
import { machineInterfaces, shareOrigins } from '../sharing/share-addresses.ts'
import { checkRoster, MAX_BATCH } from './check-roster.ts'
import { classProgress } from './class-progress.ts'
import { deriveLogin } from './derive-login.ts'
import { parseRoster } from './parse-roster.ts'

const tags = ['class']

const NewAccount = z
  .object({
    id: z.string(),
    name: z.string(),
    login: z
      .string()
      .openapi({ description: 'What the student signs in with: their e-mail, or a made-up login' }),
    password: z.string().openapi({ description: 'Generated; shown this once' }),
  })
  .openapi('ClassAccount')

const createAccounts = createRoute({
  method: 'post',
  path: '/class/accounts',
  tags,
  summary: `Create student accounts from a pasted list or CSV (name, optional e-mail; at most ${MAX_BATCH}); all or none`,
  middleware: [requireRole('owner')] as const,
  request: {
    body: jsonBody(
      z
        .object({
          text: z.string().max(200_000).openapi({
            example: '姓名,邮箱\n张伟\n李雷,lilei@example.com',
            description: 'One student a line',
          }),
        })
        .openapi('ClassRoster'),
    ),
  },
  responses: {
    201: json(
      z.object({
        accounts: z.array(NewAccount),
        signInUrl: z.string().openapi({
          example: 'http://192.168.1.20:3000',
          description:
            "Where the students open Zhiliu to sign in, printed on the sheet: ZHILIU_PUBLIC_URL, else this machine's network address (as share links use)",
        }),
      }),
      'Created; the passwords are shown this once',
    ),
    ...errors(400, 401, 403, 409, 422),
  },
})

const StudentProgress = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    login: z.string(),
    copies: z.array(z.string()).openapi({ description: "The student's copies of the lesson flow" }),
    runs: z.number().int().openapi({ description: 'Runs of those copies (counted up to 50 per copy)' }),
    lastRun: RunSummaryView.pick({ id: true, status: true, startedAt: true }).nullable(),
    succeeded: z.boolean().openapi({ description: 'Whether any run of a copy succeeded' }),
  })
  .openapi('StudentProgress')

const getProgress = createRoute({
  method: 'get',
  path: '/class/progress',
  tags,
  summary: 'Per student: whether they copied the lesson flow, ran their copy, and whether a run succeeded',
  middleware: [requireRole('editor')] as const,
  request: { query: z.object({ flowId: z.string().min(1).max(200) }) },
  responses: {
    200: json(
      z.object({ flow: z.object({ id: z.string(), name: z.string() }), students: z.array(StudentProgress) }),
      'The class, in the order the accounts were made',
    ),
    ...errors(400, 401, 403, 404),
  },
})

export function createClassRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(createAccounts, async (c) => {
      const rows = parseRoster(c.req.valid('json').text)
      if (rows.length === 0) throw ApiError.badRequest('ROSTER_EMPTY', 'The list has no students')
      if (rows.length > MAX_BATCH) {
        throw ApiError.badRequest(
          'ROSTER_TOO_LONG',
          `At most ${MAX_BATCH} students at once; this list has ${rows.length}`,
          {
            max: MAX_BATCH,
            count: rows.length,
          },
        )
      }
      const existing = await deps.store.listUsers()
      const problems = checkRoster(rows, existing)
      if (problems.length > 0) {
        throw new ApiError(422, 'ROSTER_INVALID', `${problems.length} line(s) of the list need fixing`, {
          problems,
        })
      }
      const taken = new Set(existing.map((u) => u.email))
      const drafts = rows.map((row) => ({
        name: row.name,
        login: row.email?.toLowerCase() ?? deriveLogin(row.name, taken),
        password: readablePassword(),
      }))
      const hashes = await Promise.all(drafts.map((d) => hashGeneratedPassword(d.password)))
      let users: User[]
      try {
        users = await deps.store.createUsers(
          drafts.map((d, i) => ({
            email: d.login,
            name: d.name,
            passwordHash: hashes[i] ?? '',
            role: 'student',
          })),
        )
      } catch (err) {
        // Someone added an account with one of these e-mails since the check: nothing was created.
        if (err instanceof StoreError && err.code === 'CONFLICT') {
          throw new ApiError(
            409,
            'EMAIL_TAKEN',
            'An account with one of these e-mails was just created; try again',
          )
        }
        throw err
      }
      const accounts = users.map((u, i) => ({
        id: u.id,
        name: u.name ?? '',
        login: u.email,
        password: drafts[i]?.password ?? '',
      }))
      // The address a share link would use: the sheet is handed out in the same room as the link.
      const [signInUrl = new URL(c.req.url).origin] = shareOrigins(
        deps.config.publicUrl,
        c.req.url,
        machineInterfaces(),
        deps.config.host,
      )
      return c.json({ accounts, signInUrl }, 201)
    })
    .openapi(getProgress, async (c) => {
      const { flowId } = c.req.valid('query')
      const flow = await deps.store.getFlowSummary(c.get('access'), flowId)
      if (!flow) throw ApiError.notFound('Flow', flowId)
      const students = await classProgress(deps.store, flowId)
      return c.json({ flow: { id: flow.id, name: flow.name }, students }, 200)
    })
}

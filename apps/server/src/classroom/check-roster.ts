import type { User } from '@zhiliu/db'
import { Email } from '../auth/user-view.ts'
import type { RosterRow } from './parse-roster.ts'

export const MAX_BATCH = 500
export const MAX_NAME_LENGTH = 64

type ProblemCode =
  | 'NAME_MISSING'
  | 'NAME_TOO_LONG'
  | 'EMAIL_INVALID'
  | 'NAME_DUPLICATE'
  | 'EMAIL_DUPLICATE'
  | 'NAME_TAKEN'
  | 'EMAIL_TAKEN'

/** What is wrong with one line, in both languages, so the owner can fix the list where it was typed. */
export interface RosterProblem {
  line: number
  code: ProblemCode
  messages: { 'zh-CN': string; en: string }
}

const say = (line: number, code: ProblemCode, zh: string, en: string): RosterProblem => ({
  line,
  code,
  messages: { 'zh-CN': `第 ${line} 行：${zh}`, en: `Line ${line}: ${en}` },
})

const nameKey = (name: string) => name.normalize('NFKC').trim().toLowerCase()

/**
 * Every problem of every line, so one round of fixes is enough: names are required and at most 64 characters,
 * e-mails must be valid, and no name or e-mail may repeat one earlier in the list or one an account already has
 * (a list pasted twice must not make a second account for everyone).
 */
export function checkRoster(rows: readonly RosterRow[], existing: readonly User[]): RosterProblem[] {
  const problems: RosterProblem[] = []
  const takenNames = new Set(existing.flatMap((u) => (u.name ? [nameKey(u.name)] : [])))
  const takenEmails = new Set(existing.map((u) => u.email.toLowerCase()))
  const names = new Map<string, number>()
  const emails = new Map<string, number>()
  for (const { line, name, email } of rows) {
    if (!name) problems.push(say(line, 'NAME_MISSING', '缺少姓名', 'the name is missing'))
    else if ([...name].length > MAX_NAME_LENGTH)
      problems.push(
        say(
          line,
          'NAME_TOO_LONG',
          `姓名超过 ${MAX_NAME_LENGTH} 个字`,
          `the name is longer than ${MAX_NAME_LENGTH} characters`,
        ),
      )
    else {
      const key = nameKey(name)
      const first = names.get(key)
      if (first !== undefined)
        problems.push(
          say(line, 'NAME_DUPLICATE', `姓名“${name}”和第 ${first} 行重复`, `"${name}" repeats line ${first}`),
        )
      else if (takenNames.has(key))
        problems.push(
          say(line, 'NAME_TAKEN', `已经有叫“${name}”的账号了`, `an account named "${name}" already exists`),
        )
      else names.set(key, line)
    }
    if (email === undefined) continue
    if (!Email.safeParse(email).success) {
      problems.push(
        say(line, 'EMAIL_INVALID', `邮箱“${email}”格式不对`, `"${email}" is not an e-mail address`),
      )
      continue
    }
    const key = email.toLowerCase()
    const first = emails.get(key)
    if (first !== undefined)
      problems.push(
        say(
          line,
          'EMAIL_DUPLICATE',
          `邮箱“${email}”和第 ${first} 行重复`,
          `"${email}" repeats line ${first}`,
        ),
      )
    else if (takenEmails.has(key))
      problems.push(
        say(line, 'EMAIL_TAKEN', `邮箱“${email}”已经有账号了`, `"${email}" already has an account`),
      )
    else emails.set(key, line)
  }
  return problems
}

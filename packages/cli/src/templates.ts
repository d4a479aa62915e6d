import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Locale } from '@zhiliu/nodes'
import { z } from 'zod'
import { CliError } from './cli-error.ts'
import { readJsonFile } from './read-json-file.ts'

/** The repository's `templates/` folder: one JSON file per template (see templates/README.md). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url))

const Localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) })

/** One template file: who it is for in both languages, the input it runs with as-is, and the flow itself. */
export const Template = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug is lowercase words joined by -'),
  title: Localized,
  description: Localized,
  sampleInput: z.record(z.string(), z.unknown()),
  flow: z.record(z.string(), z.unknown()),
})
export type Template = z.infer<typeof Template>

/** Every template, sorted by slug; a malformed file is a CLI error naming the file, never skipped silently. */
export async function loadTemplates(dir: string = TEMPLATES_DIR): Promise<Template[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()
  const templates: Template[] = []
  for (const file of files) {
    const parsed = Template.safeParse(await readJsonFile(`${dir}${file}`, 'template file'))
    if (!parsed.success)
      throw new CliError(`template file ${file} is malformed: ${z.prettifyError(parsed.error)}`)
    if (`${parsed.data.slug}.json` !== file)
      throw new CliError(
        `template file ${file} has the slug "${parsed.data.slug}"; name it ${parsed.data.slug}.json`,
      )
    templates.push(parsed.data)
  }
  return templates
}

export async function findTemplate(slug: string, dir?: string): Promise<Template> {
  const templates = await loadTemplates(dir)
  const found = templates.find((t) => t.slug === slug)
  if (!found) {
    const known = templates.map((t) => t.slug).join(', ')
    throw new CliError(`no template "${slug}"; the templates are: ${known} (see zhiliu templates)`)
  }
  return found
}

/** The `zhiliu templates --json` shape: title and description in one language. */
export function templateSummary(template: Template, lang: Locale) {
  return { slug: template.slug, title: template.title[lang], description: template.description[lang] }
}

/**
 * Self time by package from a V8 .cpuprofile (`node --cpu-prof`): `tsx bench/cpu-by-package.ts <file.cpuprofile>
 * [requests]`. Code bundled into apps/server/dist is told apart by the `//#region <source>` markers the build
 * leaves in the bundle, so @zhiliu/* packages keep their own line although they ship as one file. With a request
 * count it also prints the CPU milliseconds per request.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

type Regions = Array<{ from: number; to: number; source: string }>
const regionsByFile = new Map<string, Regions>()

/** The `//#region` spans of a bundle, so a line of it can be traced to the source file it came from. */
function regionsOf(file: string): Regions {
  const known = regionsByFile.get(file)
  if (known) return known
  const regions: Regions = []
  const open: Array<{ from: number; source: string }> = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, line) => {
      if (text.startsWith('//#region ')) open.push({ from: line, source: text.slice(10) })
      else if (text.startsWith('//#endregion')) {
        const region = open.pop()
        if (region) regions.push({ ...region, to: line })
      }
    })
  regionsByFile.set(file, regions)
  return regions
}

function packageOfPath(path: string): string {
  const modules = path.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + 13).split('/')
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path)
  }
  const workspace = /(?:^|\/)(?:packages|apps)\/([^/]+)\//.exec(path)
  if (workspace) return `@zhiliu/${workspace[1]}`
  return path
}

export function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName, lineNumber } = frame
  if (!url) return functionName.startsWith('(') ? functionName : '(native/V8)'
  if (url.startsWith('node:')) return 'node (built-in modules)'
  const path = url.startsWith('file://') ? fileURLToPath(url) : url
  if (/\/dist\/[^/]+\.mjs$/.test(path) && !path.includes('node_modules/')) {
    const region = regionsOf(path).find((r) => r.from <= lineNumber && lineNumber <= r.to)
    // Region paths are relative to the bundled package (apps/server), the folder above dist/.
    if (region) return packageOfPath(resolve(dirname(path), '..', region.source))
  }
  return packageOfPath(path)
}

export function cpuByPackage(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const micros = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)
    if (!node) return
    const name = packageOf(node.callFrame)
    micros.set(name, (micros.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  return micros
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, requestsArg] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpu-by-package.ts <file.cpuprofile> [requests]')
  const micros = cpuByPackage(JSON.parse(readFileSync(file, 'utf8')) as Profile)
  const requests = Number(requestsArg ?? 0)
  const busy = [...micros].filter(([name]) => name !== '(idle)').reduce((sum, [, us]) => sum + us, 0)
  const rows = [...micros].sort((a, b) => b[1] - a[1])
  console.log(
    `busy ${(busy / 1000).toFixed(0)} ms${requests ? `, ${(busy / 1000 / requests).toFixed(3)} ms/request over ${requests} requests` : ''}`,
  )
  for (const [name, us] of rows) {
    if (name === '(idle)') continue
    const share = ((100 * us) / busy).toFixed(1).padStart(5)
    const perRequest = requests ? `  ${(us / 1000 / requests).toFixed(4)} ms/req` : ''
    console.log(`${share}%  ${(us / 1000).toFixed(0).padStart(7)} ms${perRequest}  ${name}`)
  }
}

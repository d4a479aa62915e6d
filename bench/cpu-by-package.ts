/**
 * Self time by package from a V8 .cpuprofile (`node --cpu-prof`, or bench/profile-on-request.mjs):
 * `tsx bench/cpu-by-package.ts <file.cpuprofile> [cpu-ms-per-request]`. Code bundled into apps/server/dist is told
 * apart by the `// <source path>` line rolldown puts where each module starts (older builds: `//#region <source>`),
 * so @zhiliu/* and npm packages keep their own line although they ship as a few files. A CommonJS package in the
 * bundle has no such line and counts towards the module before it. The profiler samples wall time, so on a busy machine a sample also counts
 * time the thread waited for a core: the shares hold, the absolute times do not. Given the CPU milliseconds per
 * request measured from /proc (the peer harness's cpuMsPerReq), each package's share of it is printed.
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
/** rolldown 1.2's marker where a module's code starts: `// ../../node_modules/hono/dist/index.js`. */
const MODULE_START = /^\/\/ (?:\.\.?\/|src\/)\S+\.(?:[cm]?[jt]sx?|json)$/

/** The `//#region` spans of a bundle, so a line of it can be traced to the source file it came from. */
function regionsOf(file: string): Regions {
  const known = regionsByFile.get(file)
  if (known) return known
  const regions: Regions = []
  const open: Array<{ from: number; source: string }> = []
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, line, lines) => {
      if (text.startsWith('//#region ')) open.push({ from: line, source: text.slice(10) })
      else if (text.startsWith('//#endregion')) {
        const region = open.pop()
        if (region) regions.push({ ...region, to: line })
      } else if (MODULE_START.test(text)) {
        const last = regions.at(-1)
        if (last?.to === Number.POSITIVE_INFINITY) last.to = line - 1
        regions.push({
          from: line,
          to: line === lines.length - 1 ? line : Number.POSITIVE_INFINITY,
          source: text.slice(3),
        })
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

/** The native frames (no script: JSON, V8 builtins, better-sqlite3's C++) that took the most samples. */
export function topNativeFrames(profile: Profile, count: number): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const micros = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame
    if (!frame || frame.url || frame.functionName.startsWith('(')) return
    micros.set(frame.functionName, (micros.get(frame.functionName) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  return [...micros].sort((a, b) => b[1] - a[1]).slice(0, count)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, perRequestArg] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpu-by-package.ts <file.cpuprofile> [cpu-ms-per-request]')
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const micros = cpuByPackage(profile)
  micros.delete('(idle)')
  const cpuMsPerRequest = Number(perRequestArg ?? 0)
  const busy = [...micros.values()].reduce((sum, us) => sum + us, 0)
  const line = (name: string, us: number) => {
    const share = us / busy
    const perRequest = cpuMsPerRequest ? `  ${(share * cpuMsPerRequest).toFixed(4)} ms/req` : ''
    return `${(100 * share).toFixed(1).padStart(5)}%${perRequest}  ${name}`
  }
  console.log(
    `sampled busy ${(busy / 1000).toFixed(0)} ms${cpuMsPerRequest ? `; measured ${cpuMsPerRequest} ms CPU/request` : ''}`,
  )
  for (const [name, us] of [...micros].sort((a, b) => b[1] - a[1])) console.log(line(name, us))
  console.log('of which native frames:')
  for (const [name, us] of topNativeFrames(profile, 8)) console.log(line(`  ${name}`, us))
}

import {
  type AnyNodeDefinition,
  builtinNodes,
  type CatalogueEntry,
  createRegistry,
  ERROR_PORT,
  type NodeSettings,
  outputPorts,
  type PortSpec,
  t,
} from '@zhiliu/nodes'

const registry = createRegistry(builtinNodes)

export function definitionFor(type: string, version: number): AnyNodeDefinition | undefined {
  return registry.get(type, version)
}

const errorPort: PortSpec = { name: ERROR_PORT, label: t('出错时', 'On error') }

const cache = new WeakMap<object, readonly PortSpec[]>()

/**
 * A node's output ports as the engine sees them: ports derived from config (one per switch case plus "default")
 * come from the definition itself, so the canvas and the engine can never disagree. A config that does not parse
 * yet falls back to the catalogue's default ports; the validator reports the config on its field meanwhile.
 * The error port appears when the node's failures are routed there.
 */
export function outputPortsOf(
  entry: CatalogueEntry | undefined,
  config: Record<string, unknown>,
  settings: Pick<NodeSettings, 'onError'> | undefined,
): readonly PortSpec[] {
  const withError = (ports: readonly PortSpec[]) =>
    settings?.onError === 'errorPort' ? [...ports, errorPort] : ports
  if (!entry) return withError([])
  if (!entry.outputs.dynamic) return withError(entry.outputs.ports)
  const known = cache.get(config)
  if (known) return withError(known)
  const def = definitionFor(entry.type, entry.version)
  const parsed = def?.config.safeParse(config)
  const ports = def && parsed?.success ? outputPorts(def, parsed.data) : entry.outputs.ports
  cache.set(config, ports)
  return withError(ports)
}

import { buildCatalogue, builtinNodes } from '@zhiliu/nodes'
import { useCatalogue } from '../catalogue/catalogue-store.ts'

/** Fills the catalogue store as `GET /api/nodes` would, from the same definitions, for tests without a server. */
export function loadTestCatalogue(): void {
  const { nodes } = buildCatalogue(builtinNodes)
  useCatalogue.setState({
    status: 'ready',
    entries: nodes,
    byKey: new Map(nodes.map((e) => [`${e.type}@${e.version}`, e])),
  })
}

export function entry(type: string) {
  const found = useCatalogue.getState().entries.find((e) => e.type === type && e.latest)
  if (!found) throw new Error(`no catalogue entry ${type}`)
  return found
}

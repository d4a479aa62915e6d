import type { NodeResult } from './run-store.ts'

/**
 * Step through (单步运行): where a manual run pauses. Plain data, so the server can store it with the run and a
 * resumed execution (in this process or after a restart) pauses by the same rules.
 */
export interface PauseRules {
  /** Pause before every node. */
  step?: boolean
  /** Pause before these nodes (ids; inside a for-each body, before each iteration's node). */
  before?: readonly string[]
  /**
   * The node the run paused before and is now let through once (a resume). `config`, when given, replaces its
   * rendered config (a person edited it while paused); the node's result then records `edited: true`.
   */
  release?: { key: string; config?: unknown }
}

/** The node a paused run waits before, with what it would run with: its rendered config and its port inputs. */
export interface PausePoint {
  key: string
  nodeId: string
  input: { config: unknown; inputs: Record<string, unknown> }
  /** Set by the server when it stores the pause: when the run is cancelled if nobody continues it (ms). */
  until?: number
}

/** One execution's pause state: the rules, and the first node held (the one the run reports it waits before). */
export interface PauseState {
  readonly rules: PauseRules
  point: PausePoint | null
}

export function createPauseState(rules: PauseRules | undefined): PauseState | null {
  if (!rules || (!rules.step && !rules.before?.length && !rules.release)) return null
  return { rules, point: null }
}

/**
 * Asked before a node acts, once its config is rendered. Once one node paused, every node that reaches this point
 * is held too (the run is stopping); nodes already past it finish. The released node goes through once.
 */
export function shouldPause(state: PauseState, key: string, nodeId: string): boolean {
  if (state.point) return true
  const { rules } = state
  if (rules.release?.key === key) return false
  return rules.step === true || (rules.before?.includes(nodeId) ?? false)
}

/** The config a released node runs with: the edited one when a person changed it while paused. */
export function releasedConfig(state: PauseState | null, key: string): { config: unknown } | undefined {
  const release = state?.rules.release
  if (release?.key !== key || release.config === undefined) return undefined
  return { config: release.config }
}

const held = new WeakSet<NodeResult>()

/**
 * What a held node reports to its group: `waiting`, so its dependants stay held, but never recorded — the node did
 * not run, and on resume it runs (or pauses) afresh.
 */
export function heldResult(key: string, nodeId: string, at: number): NodeResult {
  const result: NodeResult = {
    key,
    nodeId,
    status: 'waiting',
    ports: [],
    attempts: 0,
    startedAt: at,
    finishedAt: at,
  }
  held.add(result)
  return result
}

export function isHeld(result: NodeResult): boolean {
  return held.has(result)
}

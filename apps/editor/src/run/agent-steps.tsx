import type { AgentStep } from '@zhiliu/nodes'
import { useTranslation } from 'react-i18next'
import { hrefFor } from '../routing/use-route.ts'
import { JsonViewer } from './json-viewer.tsx'

/** An agent's steps (its output's `steps`, or a failed agent's `details.steps`), or undefined for anything else. */
export function agentStepsOf(value: unknown): AgentStep[] | undefined {
  const steps = (value as { steps?: unknown } | null | undefined)?.steps
  if (!Array.isArray(steps)) return undefined
  return steps.every((s) => typeof s === 'object' && s !== null && Array.isArray(s.toolCalls))
    ? (steps as AgentStep[])
    : undefined
}

/**
 * What an `ai.agent` did, step by step: the model's message, its thinking apart (folded, as ai.chat's), each tool
 * call with its arguments and result or error (a flow tool's with a link to the run it started, as flow.call's step
 * has), and each step's time, tokens and cost.
 */
export function AgentSteps({ steps }: { steps: readonly AgentStep[] }) {
  const { t } = useTranslation()
  return (
    <section data-testid="agent-steps">
      <h3>{t('inspect.agentSteps')}</h3>
      <ol className="agent-steps">
        {steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps never reorder
          <li key={index} className="agent-step" data-testid="agent-step">
            <div className="inspect__timing">
              {t('inspect.agentStepFigures', {
                ms: step.ms,
                tokens: step.usage.promptTokens + step.usage.completionTokens,
              })}
              {step.cost && ` · ¥${step.cost.cny.toFixed(4)}`}
            </div>
            {step.reasoning && (
              <details>
                <summary>{t('inspect.agentReasoning')}</summary>
                <pre className="inspect__stream">{step.reasoning}</pre>
              </details>
            )}
            {step.message && <p>{step.message}</p>}
            {step.toolCalls.map((call) => (
              <div key={call.id} className="agent-tool-call" data-testid="agent-tool-call">
                <strong>
                  {t('inspect.agentToolCall', { name: call.name })} · {call.ms} ms
                </strong>
                <JsonViewer value={call.arguments} />
                {call.error !== undefined ? (
                  <p className="field__error" role="alert">
                    {call.error}
                  </p>
                ) : (
                  <JsonViewer value={call.result} />
                )}
                {call.runId && (
                  <a
                    className="btn btn--small"
                    href={hrefFor({ page: 'run', runId: call.runId })}
                    data-testid="agent-called-run"
                  >
                    {t('inspect.calledRun')}
                  </a>
                )}
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  )
}

import { useTranslation } from 'react-i18next'
import { exportRun } from '../api/runs-api.ts'
import { downloadJson } from '../ui/download-json.ts'
import { REPLAY_SPEEDS, type ReplaySpeed, replayRun, stopReplay, useReplay } from './replay-run.ts'

/** Replay (回放) the run on screen at a chosen speed, or download it with its flow for another Zhiliu. */
export function ReplayControls({ runId }: { runId: string }) {
  const { t } = useTranslation()
  const speed = useReplay((s) => s.speed)
  const playing = useReplay((s) => s.playing === runId)
  const imported = useReplay((s) => s.imported?.id === runId)
  const download = async () => {
    const file = (await exportRun(runId)) as { flow?: { name?: string } }
    downloadJson(`${file.flow?.name || 'run'}-${runId.slice(0, 8)}.zhiliu-run.json`, file)
  }
  return (
    <span className="replay-controls">
      <label className="replay-controls__speed">
        <span className="visually-hidden">{t('replay.speed')}</span>
        <select
          value={speed}
          onChange={(e) => useReplay.setState({ speed: Number(e.target.value) as ReplaySpeed })}
          data-testid="replay-speed"
          aria-label={t('replay.speed')}
        >
          {REPLAY_SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {playing ? (
        <button type="button" className="btn btn--small" onClick={stopReplay} data-testid="replay-stop">
          {t('replay.stop')}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn--small btn--primary"
          onClick={() => void replayRun(runId).catch(() => undefined)}
          data-testid="replay"
        >
          ▶ {t('replay.start')}
        </button>
      )}
      {!imported && (
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void download()}
          data-testid="export-run"
        >
          {t('replay.export')}
        </button>
      )}
    </span>
  )
}

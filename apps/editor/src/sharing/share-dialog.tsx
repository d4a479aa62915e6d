import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/request.ts'
import { getShare, revokeShare, type ShareLink, shareFlow } from '../api/sharing-api.ts'
import { useLocale } from '../i18n/use-locale.ts'
import { useSession } from '../session/session-store.ts'
import { CopyField } from '../ui/copy-field.tsx'
import { Dialog } from '../ui/dialog.tsx'
import { ErrorText } from '../ui/error-text.tsx'
import { formatTime } from '../ui/format-time.ts'
import { ToolButton } from '../ui/tool-label.tsx'

const EXPIRIES = { never: null, h1: 60, d1: 24 * 60, d7: 7 * 24 * 60 } as const
type Expiry = keyof typeof EXPIRIES

/**
 * 分享给学员: the flow's read-only link and a QR code big enough to scan from the back of a hall, on the address
 * students can reach; the owner picks how long it stays valid and can stop sharing at once.
 */
export function ShareDialog({ flowId, onClose }: { flowId: string; onClose(): void }) {
  const { t } = useTranslation()
  const locale = useLocale()
  const [link, setLink] = useState<ShareLink | null>()
  const [expiry, setExpiry] = useState<Expiry>('never')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const [revoked, setRevoked] = useState(false)

  useEffect(() => {
    getShare(flowId)
      .then(setLink)
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) setLink(null)
        else setError(err)
      })
  }, [flowId])

  const act = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(undefined)
    try {
      await work()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const save = (address?: string) =>
    act(async () => {
      setRevoked(false)
      setLink(
        await shareFlow(flowId, { expiresInMinutes: EXPIRIES[expiry], ...(address ? { address } : {}) }),
      )
    })
  const revoke = () =>
    act(async () => {
      if (!window.confirm(t('share.confirmRevoke'))) return
      await revokeShare(flowId)
      setLink(null)
      setRevoked(true)
    })

  const current = link ? (link.addresses.find((a) => link.url.startsWith(`${a}/`)) ?? '') : ''
  return (
    <Dialog title={t('share.title')} onClose={onClose} testId="share-dialog" wide>
      <div className="share">
        <p>{t('share.lead')}</p>
        {link && (
          <figure className="share__qr">
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(link.qrSvg)}`}
              alt={t('share.qr')}
              data-testid="share-qr"
            />
            <figcaption>{t('share.qr')}</figcaption>
          </figure>
        )}
        {link && <CopyField label={t('share.link')} value={link.url} testId="share-url" />}
        {link && link.addresses.length > 1 && (
          <div className="field">
            <label className="field__label" htmlFor="share-address">
              {t('share.address')}
            </label>
            <select
              id="share-address"
              className="input"
              value={current}
              disabled={busy}
              onChange={(e) => void getShare(flowId, e.target.value).then(setLink, setError)}
            >
              {link.addresses.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
            <p className="field__help">{t('share.addressHelp')}</p>
          </div>
        )}
        {link && (
          <p className="field__help" data-testid="share-expiry">
            {link.expiresAt === null
              ? t('share.noExpiry')
              : t('share.expiresAt', { time: formatTime(link.expiresAt, locale) })}
          </p>
        )}
        {revoked && (
          <p className="notice notice--ok" role="status">
            {t('share.revoked')}
          </p>
        )}
        {link !== undefined && (
          <div className="share__actions">
            <label className="field__label" htmlFor="share-expiry-select">
              {t('share.expiry')}
            </label>
            <select
              id="share-expiry-select"
              className="input"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value as Expiry)}
              data-testid="share-expiry-select"
            >
              {(Object.keys(EXPIRIES) as Expiry[]).map((k) => (
                <option key={k} value={k}>
                  {t(`share.expiries.${k}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy}
              onClick={() => void save(current || undefined)}
              data-testid="share-create"
            >
              {t(link ? 'share.update' : 'share.create')}
            </button>
            {link && (
              <button
                type="button"
                className="btn btn--danger"
                disabled={busy}
                onClick={() => void revoke()}
                data-testid="share-revoke"
              >
                {t('share.revoke')}
              </button>
            )}
          </div>
        )}
        <ErrorText error={error} />
      </div>
    </Dialog>
  )
}

/** The toolbar's 分享给学员 button with its dialog, so the toolbar only places it. */
export function ShareButton({ flowId }: { flowId: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  // Editors and owners share; the server refuses the others, so they are not offered it.
  const canShare = useSession(
    (s) => s.session.status === 'signed-in' && ['owner', 'editor'].includes(s.session.user.role),
  )
  if (!canShare) return null
  return (
    <>
      <ToolButton
        icon="share"
        label={t('share.open')}
        fold="narrow"
        onClick={() => setOpen(true)}
        data-testid="open-share"
      />
      {open && <ShareDialog flowId={flowId} onClose={() => setOpen(false)} />}
    </>
  )
}

import { type ChangeEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type UploadKind, uploadMedia, uploadProblem } from '../../api/media-api.ts'
import { isStoredMediaUrl } from '../../run/media-in-output.ts'
import { ErrorText } from '../../ui/error-text.tsx'
import { asText, type FieldProps } from '../field-props.ts'
import { TemplateWidget } from './template-widget.tsx'

type Upload =
  | { status: 'idle' }
  | { status: 'uploading' }
  /** Checked here before sending: already a sentence. */
  | { status: 'refused'; message: string }
  | { status: 'failed'; error: unknown }

/**
 * An image or a recording: the address as a template field (an earlier node's file, a web address), plus a file
 * picker that uploads to the server's media store and puts the stored file's address in the field. A stored image
 * is shown as a thumbnail, stored audio as a player.
 */
export function MediaWidget(props: FieldProps) {
  const { t } = useTranslation()
  const [upload, setUpload] = useState<Upload>({ status: 'idle' })
  const accept: UploadKind = props.field.ui?.accept === 'audio/*' ? 'audio/*' : 'image/*'
  const fileId = `${props.id}-file`
  const value = asText(props.value).trim()
  const stored = isStoredMediaUrl(value) ? value : undefined

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    // Cleared, so choosing the same file again after a failure tries again.
    e.target.value = ''
    if (!file) return
    const problem = uploadProblem(file, accept)
    if (problem) return setUpload({ status: 'refused', message: t(problem) })
    setUpload({ status: 'uploading' })
    try {
      const saved = await uploadMedia(file)
      props.onChange(saved.url)
      setUpload({ status: 'idle' })
    } catch (error) {
      setUpload({ status: 'failed', error })
    }
  }

  return (
    <div className="media-field">
      <TemplateWidget {...props} multiline={false} />
      <div className="media-field__upload">
        <label htmlFor={fileId}>{t(accept === 'image/*' ? 'form.uploadImage' : 'form.uploadAudio')}</label>
        <input
          id={fileId}
          type="file"
          accept={accept}
          onChange={pick}
          disabled={upload.status === 'uploading'}
          data-testid={`upload-${props.field.key}`}
        />
      </div>
      <p className="media-field__status" aria-live="polite">
        {upload.status === 'uploading' ? t('form.uploading') : ''}
      </p>
      {upload.status === 'refused' && (
        <p className="error-text" role="alert">
          {upload.message}
        </p>
      )}
      {upload.status === 'failed' && <ErrorText error={upload.error} />}
      {stored &&
        (accept === 'image/*' ? (
          <a href={stored} target="_blank" rel="noreferrer" className="media-field__preview">
            <img src={stored} alt={t('form.uploadedImage')} data-testid={`preview-${props.field.key}`} />
          </a>
        ) : (
          // biome-ignore lint/a11y/useMediaCaption: a recording to transcribe has no captions yet; that is the point
          <audio src={stored} controls preload="metadata" className="media-field__preview" />
        ))}
    </div>
  )
}

import { useTranslation } from 'react-i18next'
import type { ProviderFields, ProviderPreset } from '../api/model-providers-api.ts'
import { useLocalize } from '../i18n/use-locale.ts'

interface Props {
  presets: readonly ProviderPreset[]
  fields: ProviderFields
  /** Models the last connection test found, offered before the preset's suggestions. */
  models: readonly string[] | undefined
  onChange(next: Partial<ProviderFields>): void
}

/** The service, its address, key and default model; what is asked depends on the service chosen. */
export function ProviderFieldsForm({ presets, fields, models, onChange }: Props) {
  const { t } = useTranslation()
  const localize = useLocalize()
  const preset = presets.find((p) => p.id === fields.preset)
  const demo = fields.preset === 'demo'
  const custom = preset !== undefined && !preset.baseURL && !demo
  const suggestions = [...new Set([...(models ?? []), ...(preset?.models ?? [])])]

  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor="provider-preset">
          {t('providers.preset')}
        </label>
        <select
          id="provider-preset"
          className="input"
          value={fields.preset}
          // Another service has another address and key: start those over.
          onChange={(e) => onChange({ preset: e.target.value, baseURL: '', apiKey: '', defaultModel: '' })}
          data-testid="provider-preset"
        >
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {localize(p.label)}
            </option>
          ))}
        </select>
        {demo && <p className="field__help">{t('providers.demoHelp')}</p>}
        {preset?.keyUrl && (
          <p className="field__help">
            <a href={preset.keyUrl} target="_blank" rel="noreferrer noopener">
              {t(preset.id === 'ollama' ? 'providers.getOllama' : 'providers.getKey')} ↗
            </a>
          </p>
        )}
      </div>
      {!demo && (
        <div className="field">
          <label className="field__label" htmlFor="provider-base-url">
            {t('providers.baseURL')}
            {custom && <span className="field__required"> *</span>}
          </label>
          <input
            id="provider-base-url"
            className="input input--mono"
            type="url"
            inputMode="url"
            placeholder={preset?.baseURL || 'https://example.com/v1'}
            value={fields.baseURL}
            onChange={(e) => onChange({ baseURL: e.target.value })}
            data-testid="provider-base-url"
          />
          <p className="field__help">
            {custom
              ? t('providers.baseURLCustom')
              : t('providers.baseURLHelp', { url: preset?.baseURL ?? '' })}
          </p>
        </div>
      )}
      {!demo && (
        <div className="field">
          <label className="field__label" htmlFor="provider-api-key">
            {t('providers.apiKey')}
            {preset?.requiresKey && <span className="field__required"> *</span>}
          </label>
          <input
            id="provider-api-key"
            className="input input--mono"
            type="password"
            autoComplete="off"
            value={fields.apiKey}
            onChange={(e) => onChange({ apiKey: e.target.value })}
            data-testid="provider-api-key"
          />
          <p className="field__help">
            {t(preset?.requiresKey ? 'providers.apiKeyHelp' : 'providers.apiKeyOptional')}
          </p>
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="provider-model">
          {t('providers.defaultModel')}
        </label>
        <input
          id="provider-model"
          className="input input--mono"
          list="provider-model-suggestions"
          placeholder={suggestions[0] ?? ''}
          value={fields.defaultModel}
          onChange={(e) => onChange({ defaultModel: e.target.value })}
          data-testid="provider-model"
        />
        <datalist id="provider-model-suggestions">
          {suggestions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <p className="field__help">{t('providers.defaultModelHelp')}</p>
      </div>
    </>
  )
}

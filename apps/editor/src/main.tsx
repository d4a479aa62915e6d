import './zod-without-eval.ts'
import '@xyflow/react/dist/base.css'
import './styles/base.css'
import './styles/layout.css'
import './styles/canvas.css'
import './styles/flow-node.css'
import './styles/run.css'
import './styles/forms.css'
import './styles/classroom.css'
import './styles/shared-steps.css'
import './styles/presenter.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './app.tsx'
import { createI18n } from './i18n/create-i18n.ts'

const i18n = createI18n()
const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  )
}

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The server owns /api and /hooks; in dev the editor proxies them so cookies stay same-origin, as in production
// where the server serves this build at `/`.
const server = process.env.ZHILIU_SERVER ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/hooks': { target: server, changeOrigin: false },
      // Images and audio the AI nodes stored, shown in the run view.
      '/media': { target: server, changeOrigin: false },
    },
  },
  build: {
    // Projectors in classrooms run whatever browser the school has; keep the output broadly compatible.
    target: 'es2022',
    // ELK (1.5 MB) is loaded only when someone presses "Tidy up"; the start-up bundle is far below this.
    chunkSizeWarningLimit: 1600,
  },
})

import { app } from './app.ts'
import { scheduled } from './scheduled/handler.ts'

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<Env>

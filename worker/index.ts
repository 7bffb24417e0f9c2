import { app } from './app.ts'
import { handleQueue } from './queue/dispatch.ts'

export default {
  fetch: app.fetch,
  queue: handleQueue,
} satisfies ExportedHandler<Env, unknown>

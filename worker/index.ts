import { app } from './app.ts'
import { handleQueue } from './queue/dispatch.ts'
import { scheduled } from './scheduled/handler.ts'

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled,
} satisfies ExportedHandler<Env, unknown>

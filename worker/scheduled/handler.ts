import { purgeExpired } from './retention.ts'

/** The cron trigger in wrangler.toml: the daily retention purge. */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(purgeExpired(env, controller.scheduledTime))
}

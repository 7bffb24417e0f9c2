import { purgeFamilyLogs } from '../family/retention.ts'
import { replayWaiting } from './replay-waiting.ts'
import { purgeExpired } from './retention.ts'

/** The cron trigger in wrangler.toml: replays what storage outages left, then purges. */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(
    replayWaiting(env, controller.scheduledTime)
      .finally(() => purgeExpired(env, controller.scheduledTime))
      .finally(() => purgeFamilyLogs(env, controller.scheduledTime)),
  )
}

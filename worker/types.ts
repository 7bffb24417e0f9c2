/** The Hono environment of every app and middleware in this Worker. */
export type AppEnv = {
  Bindings: Env
  Variables: Record<string, never>
}

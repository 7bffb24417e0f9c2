/** The Hono environment of every app and middleware in this Worker. */
export type AppEnv = {
  Bindings: Env
  Variables: {
    /** Set once an inquiry's partner is known, so CORS answers only its origins. */
    partnerOrigins?: string[]
  }
}

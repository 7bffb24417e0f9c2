/** The Hono environment of every app and middleware in this Worker. */
export type AppEnv = {
  Bindings: Env
  Variables: {
    /** The label of the coordinator token a request carried (set by bearerAuth), never the token. */
    coordinator: string
  }
}

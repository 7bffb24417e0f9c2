declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    TEST_QUEUE_CONSUMERS: {
      queue: string
      max_retries?: number
      retry_delay?: number
      dead_letter_queue?: string
    }[]
  }
}

/** Vite's `?raw` import: a file's text (docs checked against what the Worker does). */
declare module '*?raw' {
  const text: string
  export default text
}

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

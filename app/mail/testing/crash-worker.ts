// A mail worker in its own process that hangs right after the mail server accepted a mail and
// before it is marked sent, so a test can kill it at exactly that moment (SIGKILL: no clean-up).
import { createMailWorker, silentLogger, smtpTransport } from '#app/mail/worker.server.ts'

const worker = createMailWorker({
  transport: smtpTransport(process.env.SMTP_URL!),
  leaseMs: Number(process.env.LEASE_MS ?? 1000),
  logger: silentLogger,
  afterSend: async (id) => {
    process.send?.({ sent: id })
    await new Promise(() => {})
  },
})
worker.start()

/**
 * E-mail from the portal (invitations, password resets, access requests). With `SMTP_URL` set, messages go
 * out through that server with nodemailer; without it (development, tests) they are kept in the outbox
 * table, which admins read in the console, so every link can be followed without a mail server.
 */
import { newId } from '@meridian/kit';
import nodemailer from 'nodemailer';
import type { BillingStore } from '../store';

interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface Mailer {
  /** Whether mail leaves through SMTP (true) or waits in the outbox (false). */
  readonly delivers: boolean;
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  store: Pick<BillingStore, 'appendOutbox'>;
  now: () => Date;
}): Mailer {
  const { smtpUrl, from, store, now } = options;
  if (!smtpUrl) {
    return {
      delivers: false,
      send: (mail) =>
        store.appendOutbox({
          id: newId('msg'),
          recipient: mail.to,
          subject: mail.subject,
          body: mail.text,
          createdAt: now(),
        }),
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    delivers: true,
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}

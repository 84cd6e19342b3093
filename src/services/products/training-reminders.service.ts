import type { Database } from '../../db/client.ts';
import type { OwedTraining, TrainingReminderRepository } from '../../db/training-reminder.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ukToday } from '../../domain/insight/insight-calendar.ts';
import { addDays, DUE_SOON_DAYS } from '../../domain/products/training-reminder.ts';
import type { ReminderKind } from '../../domain/products/training-reminder.ts';
import type { Notices } from '../mail/notices.ts';
import { DUE_DATE, MY_PRODUCTS_PATH } from './training-notices.ts';

/** Reminders written per transaction, and at most per run (the timer comes back within the hour). */
const BATCH = 200;
const MOST_PER_RUN = 2000;

export interface TrainingReminderDeps {
  db: Database;
  repository: Pick<TrainingReminderRepository, 'listUnreminded' | 'recordReminders'>;
  notices: Pick<Notices, 'tell'>;
  now?: () => Date;
}

const keyOf = (r: { personId: string; deploymentId: string; dueBy: string }) => `${r.personId}/${r.deploymentId}/${r.dueBy}`;

function reminderWords(owed: OwedTraining, kind: ReminderKind) {
  const date = DUE_DATE.format(new Date(`${owed.dueOn}T12:00:00Z`));
  return kind === 'due'
    ? { subject: `Training for ${owed.productName} is due by ${date}`, message: `Your training for ${owed.productName} is due by ${date}. Take its module before then to keep your training current.` }
    : { subject: `Training for ${owed.productName} is overdue`, message: `Your training for ${owed.productName} was due by ${date} and is overdue. Take its module as soon as you can.` };
}

/**
 * Tells people whose product training falls due within a fortnight, and again once it is overdue:
 * each once per due date (training_reminders), in the hub and by mail. Every process may run it;
 * the unique reminder row decides who sends.
 */
export function createTrainingReminders(deps: TrainingReminderDeps) {
  const now = deps.now ?? (() => new Date());

  async function remindBatch(today: string, owed: OwedTraining[]): Promise<number> {
    return inTransaction(deps.db, async (tx) => {
      const kindOf = (o: OwedTraining): ReminderKind => (o.dueOn < today ? 'overdue' : 'due');
      const recorded = await deps.repository.recordReminders(
        owed.map((o) => ({ organisationId: o.organisationId, personId: o.personId, deploymentId: o.deploymentId, kind: kindOf(o), dueBy: o.dueOn })),
        tx,
      );
      const byKey = new Map(owed.map((o) => [keyOf({ ...o, dueBy: o.dueOn }), o]));
      for (const reminder of recorded) {
        const o = byKey.get(keyOf(reminder));
        if (!o) continue;
        const words = reminderWords(o, reminder.kind);
        await deps.notices.tell({ tx, to: { organisationId: o.organisationId, personId: o.personId, email: o.email, displayName: o.displayName }, ...words, link: MY_PRODUCTS_PATH, linkText: 'See your AI products and their training' });
      }
      return recorded.length;
    });
  }

  return {
    /** Sends the reminders owed today; returns how many were sent. */
    async notifyDueAndOverdue(): Promise<number> {
      const today = ukToday(now());
      let told = 0;
      for (;;) {
        const owed = await deps.repository.listUnreminded({ today, dueUntil: addDays(today, DUE_SOON_DAYS), limit: BATCH });
        if (owed.length === 0) return told;
        told += await remindBatch(today, owed);
        if (owed.length < BATCH || told >= MOST_PER_RUN) return told;
      }
    },
  };
}

export type TrainingReminders = ReturnType<typeof createTrainingReminders>;

import type { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { AnyDb } from '../../platform/db/database.js';
import { todayFor } from '../../shared/dates/calendar-date.js';

/** What the complaints' use cases need. */
export interface ComplaintsContext {
  db: AnyDb;
  cipher: PersonalDataCipher;
  /** Today in China (tests set a day; the default is the clock). */
  today?: (() => string) | undefined;
  /** Working days to answer (default `JIUYE_COMPLAINT_ANSWER_DAYS`, else 15). */
  complaintAnswerDays?: number | undefined;
}

export const today = (ctx: Pick<ComplaintsContext, 'today'>) => todayFor(ctx);

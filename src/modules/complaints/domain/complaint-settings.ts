/** Working days staff have to answer a complaint or suggestion (`JIUYE_COMPLAINT_ANSWER_DAYS`, default 15). */
export const DEFAULT_COMPLAINT_ANSWER_DAYS = 15;

export function complaintAnswerDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.JIUYE_COMPLAINT_ANSWER_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_COMPLAINT_ANSWER_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 250) {
    throw new Error(
      `JIUYE_COMPLAINT_ANSWER_DAYS must be a whole number of working days (1-250), got "${raw}"`,
    );
  }
  return n;
}

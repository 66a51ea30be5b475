/** Working days civil affairs has to answer a referral (`JIUYE_REFERRAL_ANSWER_DAYS`, default 10). */
export const DEFAULT_REFERRAL_ANSWER_DAYS = 10;

export function referralAnswerDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.JIUYE_REFERRAL_ANSWER_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_REFERRAL_ANSWER_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 250) {
    throw new Error(
      `JIUYE_REFERRAL_ANSWER_DAYS must be a whole number of working days (1-250), got "${raw}"`,
    );
  }
  return n;
}

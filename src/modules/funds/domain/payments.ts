/** The parts of an approval that commit money, and what becomes of each. */
export const PARTS = ['full', 'advance', 'remainder', 'guarantee'] as const;
export type Part = (typeof PARTS)[number];

export const PART_NAMES: Record<Part, string> = {
  full: '全额',
  advance: '预支',
  remainder: '其余部分',
  guarantee: '担保额度',
};

/**
 * A committed part: pending (committed, not yet payable) → unpaid → batched → sent (to the bank) → paid
 * (on the bank's result; a failed item is unpaid again); released when the
 * application is withdrawn or cancelled before payment; a guarantee part stays `guaranteed`.
 */
export const COMMITMENT_STATUSES = [
  'pending',
  'unpaid',
  'batched',
  'sent',
  'paid',
  'released',
  'guaranteed',
] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const BATCH_STATUSES = ['building', 'ready', 'sending', 'sent', 'done'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const LINE_STATUSES = ['claimed', 'sent', 'paid', 'failed'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

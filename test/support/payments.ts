import type { Actor } from '../../src/modules/access/index.js';
import {
  listBatchItems,
  recordResults,
  runBatch,
  type BatchView,
  type FundsContext,
} from '../../src/modules/funds/index.js';

/**
 * Send a batch to the bank and record the bank's answer that every sent item was paid (all but those
 * in `fail`, failed with their reason): what a bank's result file does, for tests that need paid items.
 */
export async function sendAndPay(
  app: FundsContext,
  actor: Actor,
  batchId: number,
  fail: Record<number, string> = {},
): Promise<BatchView> {
  const sent = await runBatch(app, actor, batchId);
  const items = (await listBatchItems(app, actor, batchId, { limit: 1000 })).filter(
    (i) => i.status === 'sent',
  );
  if (!items.length) return sent;
  return recordResults(app, actor, batchId, {
    results: items.map((i) =>
      fail[i.itemId]
        ? { itemId: i.itemId, outcome: 'failed' as const, reason: fail[i.itemId] }
        : { itemId: i.itemId, outcome: 'paid' as const },
    ),
  });
}

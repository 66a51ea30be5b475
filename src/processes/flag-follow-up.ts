import { AppError } from '../platform/errors/index.js';
import { todayInChina } from '../shared/dates/calendar-date.js';
import { auditedTransaction, requirePermission, type Actor } from '../modules/access/index.js';
import { withdrawApplication } from '../modules/applications/index.js';
import type { AppContext } from '../app/app-context.js';
import { getFlag } from '../modules/exchange/index.js';
import { listFacts, setFact } from '../modules/registry/index.js';
import { endUnemployment, listPersonRegistrations } from '../modules/services/index.js';

export interface FlagFollowUp {
  flagId: number;
  kind: string;
  /** What was done: the 失业登记 ended (and on which day), the applications closed. */
  endedRegistration: { id: number | null; on: string } | null;
  closedApplications: number[];
}

/**
 * The follow-up an upheld flag implies (decision 0040), done in one step by the reviewer and recorded:
 * - insured as an employee while registered unemployed → the 失业登记 ends as of the insurance start
 *   (reason employed; the `registeredUnemployed` fact closes on that day even without a registration);
 * - deceased with an open case → the open application is closed (withdrawn, with the flag as the reason).
 * Other kinds have no automatic follow-up (their case goes through its own process).
 */
export async function followUpFlag(ctx: AppContext, actor: Actor, flagId: number): Promise<FlagFollowUp> {
  requirePermission(actor, 'exchange.review');
  const flag = await getFlag(ctx, actor, flagId);
  if (flag.state !== 'upheld')
    throw new AppError('VALIDATION_FAILED', {
      path: 'flag',
      zh: '疑点核实属实后才能办理后续处置',
      en: 'Only an upheld flag has a follow-up',
    });
  const out: FlagFollowUp = { flagId, kind: flag.kind, endedRegistration: null, closedApplications: [] };
  if (flag.kind === 'insured-while-unemployed' && flag.subject.type === 'person') {
    const personId = flag.subject.id;
    const facts = await listFacts(ctx, actor, { type: 'person', id: personId }, { asOf: todayInChina() });
    const insured = facts.find((f) => f.name === 'insuredEmployee' && f.value === true);
    const on = insured?.validFrom ?? todayInChina();
    const open = (await listPersonRegistrations(ctx, actor, personId)).find((r) => r.endedOn === null);
    if (open) {
      const day = on < open.registeredOn ? open.registeredOn : on;
      await endUnemployment(ctx, actor, open.id, { on: day, reason: 'employed' });
      out.endedRegistration = { id: open.id, on: day };
    } else if (facts.some((f) => f.name === 'registeredUnemployed' && f.value === true)) {
      await setFact(
        ctx,
        actor,
        { type: 'person', id: personId },
        {
          name: 'registeredUnemployed',
          value: false,
          validFrom: on,
          source: { kind: 'staff', ref: `交叉比对疑点 #${flagId} 核实属实` },
        },
      );
      out.endedRegistration = { id: null, on };
    } else {
      throw new AppError('VALIDATION_FAILED', {
        path: 'flag',
        zh: '该人员已不在失业登记状态，无需处置',
        en: 'The person is no longer registered unemployed',
      });
    }
  } else if (flag.kind === 'deceased-with-open-case' && flag.applicationId !== null) {
    await withdrawApplication(ctx, actor, flag.applicationId, {
      reason: `申请人已死亡（交叉比对疑点 #${flagId} 核实属实），依法终止办理`,
    });
    out.closedApplications.push(flag.applicationId);
  } else {
    throw new AppError('VALIDATION_FAILED', {
      path: 'flag',
      zh: '该类疑点没有自动后续处置，请按案件自身流程办理',
      en: 'This kind of flag has no automatic follow-up',
    });
  }
  await auditedTransaction(ctx.db, actor, async (_trx, audit) => {
    audit({
      action: 'exchange.flag.followUp',
      entityType: 'exchangeFlag',
      entityId: flagId,
      details: {
        kind: flag.kind,
        endedRegistration: out.endedRegistration,
        closedApplications: out.closedApplications,
      },
    });
  });
  return out;
}

import { workingDeadline } from '../../../shared/calendar/index.js';
import type { ReviewStep } from '../../rules/index.js';

const DIGITS = { village: 12, township: 9, county: 6 } as const;

/** The division whose staff act at a step: the application's place cut to the step's level. */
export function stepDivision(applicationDivision: string, level: ReviewStep['level']): string | null {
  const n = DIGITS[level];
  return applicationDivision.length >= n ? applicationDivision.slice(0, n) : null;
}

/**
 * The first step at or after `from` that the application's place can reach (an enterprise registered
 * at a township skips village steps); null when the chain is done.
 */
export function stepFrom(steps: readonly ReviewStep[], division: string, from: number): number | null {
  for (let i = from; i < steps.length; i++) if (stepDivision(division, steps[i]!.level)) return i;
  return null;
}

export interface StepPlacement {
  step_index: number;
  step_id: string;
  step_role: string;
  step_division: string;
  step_started_on: string;
  step_due_on: string;
  notice_from: string | null;
  notice_to: string | null;
}

/**
 * Put an application at a step on a day: the deadline is the step's working days on the official
 * calendar; a 公示 runs its working days from the next working day, and the step is due two working
 * days after it ends (to settle objections and close it).
 */
export function placeAt(
  steps: readonly ReviewStep[],
  division: string,
  index: number,
  on: string,
): StepPlacement {
  const step = steps[index]!;
  const notice = step.kind === 'notice';
  const noticeTo = notice ? workingDeadline(on, step.workingDays).date : null;
  return {
    step_index: index,
    step_id: step.id,
    step_role: step.role,
    step_division: stepDivision(division, step.level)!,
    step_started_on: on,
    step_due_on: noticeTo ? workingDeadline(noticeTo, 2).date : workingDeadline(on, step.workingDays).date,
    notice_from: notice ? workingDeadline(on, 1).date : null,
    notice_to: noticeTo,
  };
}

export const NO_STEP = {
  step_index: null,
  step_id: null,
  step_role: null,
  step_division: null,
  step_started_on: null,
  step_due_on: null,
  notice_from: null,
  notice_to: null,
} as const;

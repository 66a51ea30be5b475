/** The desk's own API shapes (see /api/openapi.json and the route files); the shared ones are in lib/. */
import type { DivisionRef } from '../../lib/registry';
import type { Evaluation } from '../../lib/types';

export interface HouseholdView {
  id: number;
  county: string;
  householdNumber: string | null;
  residenceDivision: string;
  members: { personId: number; relation: string; since: string }[];
}

export interface RegistrationView {
  id: number;
  personId: number;
  certificateNumber: string;
  division: string;
  registeredOn: string;
  channel: string;
  endedOn: string | null;
  endReason: string | null;
}

/** `POST /persons/:id/evaluate`: the person's evaluation on a date. */
export interface PersonEvaluation extends Evaluation {
  personId: number;
}

export interface LatestScan {
  runId: number;
  scope: string;
  date: string;
  pack: string;
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  subjects: number;
  findings: number;
  startedBy: string;
}

export interface OutreachItem {
  subjectType: 'person' | 'enterprise';
  subjectId: number;
  programme: string;
  programmeName: string;
  name: string | null;
  township: DivisionRef;
  division: DivisionRef;
  amount: number;
  asOf: string;
  status: 'open' | 'notified' | 'dismissed' | 'applied';
  firstFoundAt: string;
  notifiedAt: string | null;
  notifiedBy: string | null;
}

export interface FindingCount {
  township: string;
  programme: string;
  status: string;
  count: number;
  amount: number;
}

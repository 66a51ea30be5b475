/** The self-service reads not shared with the back office (see /api/openapi.json; the route files give the exact shapes). */
import type { FactView, PersonView } from '../lib/registry';

export interface Notification {
  id: number;
  topic: string;
  subject: { type: string; id: number };
  message: string;
  messageEn: string;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

export type FactType = 'boolean' | 'integer' | 'number' | 'date' | 'enum' | 'text' | 'list';

export interface FactField {
  path: string;
  type: FactType;
  options?: (string | number)[];
  min?: number;
  max?: number;
}

export interface ProgrammeFacts {
  programme: string;
  date: string;
  audiences: { audience: 'person' | 'enterprise'; facts: FactField[] }[];
}

/** `GET /me/profile`: the citizen's own record, household (others' names masked) and facts. */
export interface MyProfile {
  person: PersonView;
  household: {
    id: number;
    householdNumber: string | null;
    members: { self: boolean; name: string; relation: string; age: number; since: string }[];
  } | null;
  facts: FactView[];
}

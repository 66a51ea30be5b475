/**
 * The education levels of the fact vocabulary, lowest first. A plain list (no zod) so the web app's
 * calculator and forms import the same one the server validates with.
 */
export const EDUCATION_LEVELS = [
  'primary',
  'juniorSecondary',
  'seniorSecondary',
  'secondaryVocational',
  'college',
  'bachelor',
  'master',
  'doctorate',
] as const;

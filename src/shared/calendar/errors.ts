/** Errors of the working-day calendar. Plain classes so that callers can map them to their own codes. */

export interface CalendarCoverage {
  /** First date with known official data, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last date with known official data, `YYYY-MM-DD`. */
  readonly to: string;
}

/**
 * A date (an argument, or a result that arithmetic would reach) lies outside the years whose official
 * notices are in the data. The calendar never guesses such a date: the caller has to handle it.
 */
export class CalendarOutOfRangeError extends RangeError {
  override readonly name = 'CalendarOutOfRangeError';

  constructor(
    /** The date, or for a year the `YYYY` string, that is not covered. */
    readonly date: string,
    readonly coverage: CalendarCoverage,
    detail?: string,
  ) {
    super(
      `No official holiday data for ${date}: the working-day calendar covers ${coverage.from} to ${coverage.to}` +
        (detail === undefined ? '' : ` (${detail})`),
    );
  }
}

/** The bundled holiday data failed its checks; raised when the module loads. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';

  constructor(readonly problems: readonly string[]) {
    super(`Holiday calendar data is invalid:\n- ${problems.join('\n- ')}`);
  }
}

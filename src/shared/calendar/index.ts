/**
 * The official Chinese public-holiday and adjusted-workday calendar (国务院办公厅部分节假日安排的通知)
 * and working-day arithmetic on it. See README.md for the data's sources.
 */
export {
  addWorkingDays,
  calendarCoverage,
  calendarYearInfo,
  holidayPeriods,
  isWorkingDay,
  workingDaysBetween,
  workingDeadline,
} from './working-days.js';
export type { CalendarYearInfo } from './working-days.js';
export { CalendarDataError, CalendarOutOfRangeError } from './errors.js';
export type { CalendarCoverage } from './errors.js';
export { FESTIVALS, calendarDataProblems } from './calendar-data.js';
export type { CalendarData, CalendarYear, Festival, HolidayNotice, HolidayPeriod } from './calendar-data.js';

import { directoryHandlers } from './directory';
import { shiftsHandlers } from './shifts';
import { calendarHandlers } from './calendar';
import { monthHandlers } from './month';
import { dutyHandlers } from './duty';
import { handoverHandlers } from './handover';

/** The roster's methods, one file a sub-area (the people, set-up, calendar, month, on duty, handover). */
export const rosterHandlers = {
  ...directoryHandlers,
  ...shiftsHandlers,
  ...calendarHandlers,
  ...monthHandlers,
  ...dutyHandlers,
  ...handoverHandlers,
};

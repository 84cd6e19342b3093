import { formatDate } from '../dates.ts';
import type { JourneyOutOfDate } from '../../services/journeys/journey-scope.service.ts';

export const REPLAN_PATH = '/journey/replan';

const subjects = (n: number) => `${n} ${n === 1 ? 'subject' : 'subjects'}`;

/** The warning on a journey planned for other subjects than apply now, and the one-click way to re-plan it. */
export function outOfDateView(outOfDate: JourneyOutOfDate | null) {
  if (!outOfDate) return null;
  const { change, focusChangedAt } = outOfDate;
  const because = focusChangedAt
    ? `your supervisor changed the focus of your advanced requirements on ${formatDate(focusChangedAt)}`
    : change.frameworkChanged
      ? 'the requirements framework it was planned against has a new version'
      : 'what applies to you has changed since you planned it (your roles with AI or your use of AI in clinical decisions)';
  const details = [
    change.noLongerApply.length > 0 ? `${subjects(change.noLongerApply.length)} it was planned for no longer apply to you.` : null,
    change.nowApply.length > 0 ? `${subjects(change.nowApply.length)} now apply to you that it was not planned for.` : null,
    change.targetChanged.length > 0 ? `${subjects(change.targetChanged.length)} now ask for a different level.` : null,
  ].filter((d): d is string => d !== null);
  return { because, details, replanPath: REPLAN_PATH };
}

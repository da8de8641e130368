import { defineRowProjection } from '../../shared/projections';
import { contributionScheduleDecider } from '../domain/contribution-schedule.decider';
import {
  CONTRIBUTION_SCHEDULE_EVENT_TYPES,
  decodeContributionScheduleEvent,
} from '../domain/contribution-schedule.events';
import { ContributionScheduleRow } from './contribution-schedule.row';

export const CONTRIBUTION_SCHEDULE_PROJECTION = 'partners.contribution-schedule';

export const contributionScheduleProjection = defineRowProjection<ContributionScheduleRow>({
  name: CONTRIBUTION_SCHEDULE_PROJECTION,
  version: 1,
  entity: ContributionScheduleRow,
  eventTypes: CONTRIBUTION_SCHEDULE_EVENT_TYPES,
  keyOf: (recorded) => decodeContributionScheduleEvent(recorded).data.scheduleId,
  evolve(row, recorded) {
    const event = decodeContributionScheduleEvent(recorded);
    // The read model is the decider's own state: one fold, so the schedule read and the rules never disagree.
    const state = contributionScheduleDecider.evolve(row ?? contributionScheduleDecider.initialState, event);
    return {
      scheduleId: event.data.scheduleId,
      ratePeriods: [...state.ratePeriods],
      coFundingAgreements: [...state.coFundingAgreements],
      revision: recorded.revision,
    };
  },
});

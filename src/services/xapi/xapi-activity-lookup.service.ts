import type { XapiActivityRepository } from '../../db/xapi-activity.repository.ts';

/** The Activities resource's read (issue 16 §1): the definition this organisation's statements gave an activity. */
export function createXapiActivityLookupService(deps: { activityRepository: Pick<XapiActivityRepository, 'findActivity'> }) {
  return {
    /** The stored definition, or undefined when the organisation's LRS has none for the activity. */
    async findActivity(organisationId: string, activityId: string): Promise<unknown> {
      return (await deps.activityRepository.findActivity(organisationId, activityId))?.definition;
    },
  };
}

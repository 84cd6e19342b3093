import type { XapiActivityLookupRepository } from '../../db/xapi-activity-lookup.repository.ts';

/** The Activities resource's read (issue 16 §1): the definition this organisation's statements gave an activity. */
export function createXapiActivityLookupService(deps: { activityRepository: XapiActivityLookupRepository }) {
  return {
    /** The stored definition, or undefined when the organisation's LRS has none for the activity. */
    async findActivity(organisationId: string, activityId: string): Promise<unknown> {
      return deps.activityRepository.findActivityDefinition(organisationId, activityId);
    },
  };
}

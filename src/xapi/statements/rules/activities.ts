import {
  type JsonObject, arrayAt, checkExtensions, checkLanguageMap, has, iriAt, irlAt, objectWith, optional, refuse,
  requireProperty, stringAt,
} from './rule-kit.ts';

/** Interaction types and the component lists each may carry (9274 §4.2.2.3, Interaction Components table). */
const COMPONENT_LISTS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];
const INTERACTION_PROPERTIES = ['interactionType', 'correctResponsesPattern', ...COMPONENT_LISTS];
const DEFINITION_PROPERTIES = ['name', 'description', 'type', 'moreInfo', 'extensions', ...INTERACTION_PROPERTIES];

/** An Activity: `objectType` "Activity" or absent, an IRI id, an optional definition. */
export function checkActivity(value: unknown, path: string): JsonObject {
  const activity = objectWith(value, path, ['objectType', 'id', 'definition']);
  if (has(activity, 'objectType') && activity.objectType !== 'Activity') {
    refuse(`${path}.objectType`, `must be "Activity" here, not ${JSON.stringify(activity.objectType)}`);
  }
  iriAt(requireProperty(activity, 'id', path), `${path}.id`);
  optional(activity, 'definition', path, checkDefinition);
  return activity;
}

function checkDefinition(value: unknown, path: string): void {
  const definition = objectWith(value, path, DEFINITION_PROPERTIES);
  optional(definition, 'name', path, checkLanguageMap);
  optional(definition, 'description', path, checkLanguageMap);
  optional(definition, 'type', path, iriAt);
  optional(definition, 'moreInfo', path, irlAt);
  optional(definition, 'extensions', path, checkExtensions);
  checkInteraction(definition, path);
}

/** The interaction properties: only with a valid interactionType, and only the component lists that type supports. */
function checkInteraction(definition: JsonObject, path: string): void {
  const used = INTERACTION_PROPERTIES.filter((key) => has(definition, key));
  if (used.length === 0) return;
  if (!has(definition, 'interactionType')) {
    refuse(path, `uses ${used.join(', ')}, which belong to an interaction activity, so it must have an "interactionType"`);
  }
  const interactionType = definition.interactionType;
  const allowedLists = typeof interactionType === 'string' ? COMPONENT_LISTS_BY_TYPE[interactionType] : undefined;
  if (!Object.hasOwn(COMPONENT_LISTS_BY_TYPE, String(interactionType)) || allowedLists === undefined) {
    refuse(
      `${path}.interactionType`,
      `must be one of ${Object.keys(COMPONENT_LISTS_BY_TYPE).join(', ')} (exactly, in lower case), not ${JSON.stringify(interactionType)}`,
    );
  }
  optional(definition, 'correctResponsesPattern', path, (patterns, at) => {
    arrayAt(patterns, at).forEach((pattern, index) => stringAt(pattern, `${at}[${index}]`));
  });
  for (const list of COMPONENT_LISTS) {
    if (!has(definition, list)) continue;
    if (!allowedLists.includes(list)) {
      const supported = allowedLists.length ? `only ${allowedLists.join(' and ')}` : 'no component lists';
      refuse(`${path}.${list}`, `is not allowed for a "${String(interactionType)}" interaction, which supports ${supported}`);
    }
    checkComponents(definition[list], `${path}.${list}`);
  }
}

/** Interaction components: an id and an optional description; ids distinct within their list (xAPI 1.0.3 §2.4.4.1). */
function checkComponents(value: unknown, path: string): void {
  const seen = new Set<string>();
  arrayAt(value, path).forEach((item, index) => {
    const at = `${path}[${index}]`;
    const component = objectWith(item, at, ['id', 'description']);
    const id = stringAt(requireProperty(component, 'id', at), `${at}.id`);
    if (seen.has(id)) refuse(`${at}.id`, `repeats the id "${id}"; component ids must be distinct within a list`);
    seen.add(id);
    optional(component, 'description', at, checkLanguageMap);
  });
}

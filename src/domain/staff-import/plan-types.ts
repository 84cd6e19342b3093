import type { RowError } from './esr-row.ts';
import type { Warning } from './plan-employees.ts';
import type { SuggestedArchetype } from './suggestions.ts';
import type { ProfessionalGroupId } from '../people/profile-options.ts';

/** A person the hub already knows from an earlier import. */
export interface ExistingStaffPerson {
  employeeNumber: string;
  personId: string;
  organisationId: string;
  email: string;
  cisUuid: string | null;
  /** Set when an import made them a leaver. */
  leftAt: string | null;
  /** The stored suggestion's key (see suggestionKey), or null. */
  suggestionKey: string | null;
}

export interface ExistingAssignment {
  assignmentNumber: string;
  employeeNumber: string;
  rowHash: string;
  ended: boolean;
}

/** A current supervision between two staff-record people, by employee number. */
export interface ExistingLink {
  supervisorEmployeeNumber: string;
  learnerEmployeeNumber: string;
  source: 'manual' | 'esr';
}

/** What the hub holds for the importing organisation, as the planner needs it. */
export interface StaffState {
  importingOrganisationId: string;
  /** ODS code (upper case) → organisation id, for the importing organisation's subtree only. */
  organisationsByOds: ReadonlyMap<string, string>;
  people: readonly ExistingStaffPerson[];
  assignments: readonly ExistingAssignment[];
  links: readonly ExistingLink[];
  /** `${organisationId} ${email}` → the person with that address, for the file's addresses. */
  emailOwners: ReadonlyMap<string, string>;
}

export interface StaffPlanOptions {
  /** ISO date: end dates before it are past. */
  today: string;
  /** The file lists everyone: people missing from it have left. */
  fullExtract: boolean;
  leaverThresholdPct: number;
  allowManyLeavers: boolean;
}

export interface PlannedPerson {
  employeeNumber: string;
  organisationId: string;
  displayName: string;
  email: string;
  jobTitle: string | null;
  cisUuid: string | null;
}

export interface PersonChange {
  employeeNumber: string;
  personId: string;
  /** Back after leaving: made active again. */
  rejoins: boolean;
  cisUuid: string | null;
  /** A real address replacing a placeholder, or null for no change. */
  email: string | null;
}

export interface Leaver {
  employeeNumber: string;
  personId: string;
  reason: 'terminated' | 'absent';
}

/** One assignment as stored in staff_assignments. */
export interface AssignmentRecord {
  assignmentNumber: string;
  employeeNumber: string;
  isPrimary: boolean;
  status: string;
  state: 'active' | 'leaver';
  category: string;
  startDate: string | null;
  endDate: string | null;
  positionTitle: string;
  occupationCode: string;
  staffGroup: string;
  jobRole: string;
  areaOfWork: string;
  grade: string;
  organisationName: string;
  costCentre: string;
  odsCode: string;
  supervisorEmployeeNumber: string;
  rowHash: string;
}

export interface PlannedLink {
  supervisorEmployeeNumber: string;
  learnerEmployeeNumber: string;
}

export interface PlannedSuggestion {
  employeeNumber: string;
  professionalGroup: ProfessionalGroupId | null;
  archetypes: SuggestedArchetype[];
  basis: string[];
  key: string;
}

export interface StaffPlanCounts {
  rows: number;
  employees: number;
  newPeople: number;
  changedPeople: number;
  leavers: number;
  assignmentsWritten: number;
  assignmentsEnded: number;
  supervisionsAdded: number;
  supervisionsEnded: number;
  suggestions: number;
  errors: number;
  erroredEmployees: number;
  warnings: number;
  /** Employees whose every assignment has ended and whom the hub never knew: nobody is created for them. */
  skippedLeavers: number;
}

export interface StaffPlan {
  newPeople: PlannedPerson[];
  changedPeople: PersonChange[];
  leavers: Leaver[];
  assignments: AssignmentRecord[];
  endedAssignments: string[];
  supervisionsAdded: PlannedLink[];
  supervisionsEnded: PlannedLink[];
  suggestions: PlannedSuggestion[];
  errors: RowError[];
  warnings: Warning[];
  /** Set when the plan must not be applied as it is. */
  refusal: { reason: 'too-many-leavers'; leavers: number; limit: number } | null;
  counts: StaffPlanCounts;
}

/** Where the AI MDT pages live, so links between them are built in one place. */
export const TEAM_PATHS = {
  list: '/teams',
  create: '/teams/new',
  team: (teamId: string) => `/teams/${teamId}`,
  edit: (teamId: string) => `/teams/${teamId}/edit`,
  archive: (teamId: string) => `/teams/${teamId}/archive`,
  newMember: (teamId: string) => `/teams/${teamId}/members/new`,
  editMember: (teamId: string, memberId: string) => `/teams/${teamId}/members/${memberId}/edit`,
  removeMember: (teamId: string, memberId: string) => `/teams/${teamId}/members/${memberId}/remove`,
  responsibilities: (teamId: string) => `/teams/${teamId}/responsibilities`,
  /** Built beside these pages by the coverage and plan work of issue 13: linked, not served, here. */
  coverage: (teamId: string) => `/teams/${teamId}/coverage`,
  plan: (teamId: string) => `/teams/${teamId}/plan`,
} as const;

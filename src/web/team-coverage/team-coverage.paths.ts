/** Where an AI MDT's coverage lives (issue 13 §2), beside the team's own page. */
export const TEAM_COVERAGE_PATHS = {
  team: (teamId: string) => `/teams/${teamId}`,
  coverage: (teamId: string) => `/teams/${teamId}/coverage`,
  coverageCsv: (teamId: string) => `/teams/${teamId}/coverage.csv`,
  // What to do about the gaps: the team's least learning (issue 13 §3).
  plans: (teamId: string) => `/teams/${teamId}/plan`,
} as const;

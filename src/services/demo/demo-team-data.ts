/**
 * The demo's AI MDTs (issue 13): Box 5's tri-X AI MDT at Linchester, with its eight roles, Triadix's
 * engineer and a patient and public representative, and the Nymouth ICS AI MDT that deploys tri-X
 * (Box 2). Team roles and archetypes are Box 5's; the Box 4 responsibilities each member holds follow
 * the Box 5 responsibilities of their role. Nymouth leaves two Box 4 responsibilities unheld and has
 * no patient representative, so its page shows what a team's gaps look like.
 */

type SeniorityBand = 'early-career' | 'experienced' | 'senior' | 'executive';

export interface DemoTeamMember {
  person: string;
  teamRole: string;
  archetypes: string[];
  lead?: boolean;
  patientRepresentative?: boolean;
  seniority?: SeniorityBand;
  hoursLimit?: number;
  /** Positions in the framework's `mdt.responsibilities` (Box 4), 0-based. */
  responsibilities?: number[];
}

export interface DemoTeam {
  name: string;
  /** Demo organisation key of the owning organisation. */
  organisation: string;
  purpose: string;
  /** Demo product names the team looks after. */
  products: string[];
  resilienceK: number;
  members: DemoTeamMember[];
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    name: 'tri-X AI MDT',
    organisation: 'linchester-ics',
    purpose:
      'Co-create tri-X, a chest X-ray triaging AI product, with Triadix, and bring it safely into the Linchester ICS radiology service (Box 5).',
    products: ['tri-X'],
    resilienceK: 1,
    members: [
      { person: 'amara.osei', teamRole: 'ICS digital transformation lead', archetypes: ['driver'], lead: true, seniority: 'executive', responsibilities: [2, 4] },
      { person: 'owen.pritchard', teamRole: 'Radiology business manager', archetypes: ['driver'], seniority: 'senior', responsibilities: [3, 8] },
      { person: 'helen.marsh', teamRole: 'Clinical specialist – radiology consultant', archetypes: ['creator', 'user'], seniority: 'senior', responsibilities: [1, 5, 9] },
      { person: 'sanjay.mehta', teamRole: 'Clinical product manager', archetypes: ['creator'], seniority: 'experienced', responsibilities: [0, 2] },
      { person: 'chloe.bennett', teamRole: 'Lead project data scientist', archetypes: ['creator', 'embedder'], seniority: 'senior', responsibilities: [0, 5, 7, 9] },
      { person: 'ruth.adeyemi', teamRole: 'Clinical safety officer', archetypes: ['embedder'], seniority: 'experienced', responsibilities: [6] },
      { person: 'kieran.walsh', teamRole: 'IT officer', archetypes: ['embedder'], seniority: 'experienced', hoursLimit: 10, responsibilities: [3] },
      { person: 'fiona.campbell', teamRole: 'IG officer', archetypes: ['embedder'], seniority: 'experienced', hoursLimit: 10, responsibilities: [4] },
      { person: 'tom.lindqvist', teamRole: 'Triadix machine learning engineer', archetypes: ['creator'], seniority: 'early-career', responsibilities: [0] },
      { person: 'margaret.ellis', teamRole: 'Patient and public representative', archetypes: [], patientRepresentative: true, responsibilities: [1] },
    ],
  },
  {
    name: 'Nymouth ICS AI MDT',
    organisation: 'nymouth-ics',
    purpose: 'Procure, deploy and monitor AI products across the Nymouth ICS, starting with tri-X in the trust’s radiology department (Box 2).',
    products: ['tri-X'],
    resilienceK: 1,
    members: [
      { person: 'priya.nair', teamRole: 'ICS AI implementation lead', archetypes: ['embedder'], lead: true, seniority: 'senior', responsibilities: [3, 9] },
      { person: 'marcus.reid', teamRole: 'ICS digital transformation lead', archetypes: ['driver'], seniority: 'executive', responsibilities: [2, 4] },
      { person: 'isabel.carter', teamRole: 'Clinical lead for AI evaluation', archetypes: ['creator'], seniority: 'senior', responsibilities: [5, 8] },
      { person: 'yusuf.rahman', teamRole: 'Clinical education lead', archetypes: ['embedder'], seniority: 'senior', responsibilities: [9] },
      { person: 'hannah.lloyd', teamRole: 'Clinical informatics and safety lead', archetypes: ['embedder'], seniority: 'experienced', responsibilities: [6, 7] },
      { person: 'samuel.nwosu', teamRole: 'Radiologist user representative', archetypes: ['user'], seniority: 'senior' },
      { person: 'ben.ashworth', teamRole: 'Radiographer user representative', archetypes: ['user'], seniority: 'early-career', hoursLimit: 6 },
    ],
  },
];

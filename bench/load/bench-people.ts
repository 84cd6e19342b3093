/** The signed-in people the load test acts as, made by seeding and used by the workload. */

export interface SignedInPerson {
  personId: string;
  displayName: string;
  /** `hub_session=<token>`: a session started directly, as sign-in would have. */
  cookie: string;
  /** A CSRF token made from the session's secret, as a page's form would carry it. */
  csrfToken: string;
}

/** A topic the learner rates on the AI literacy page, and the level the hub last stored for it. */
export interface RatableTopic {
  topicId: string;
  /** Valid levels for the topic's kind, lowest first (`not-yet` included). */
  scale: readonly string[];
  level: string | undefined;
}

export interface BenchLearner extends SignedInPerson {
  /** Factor pages the learner has questions on. */
  factorIds: string[];
  literacyTopics: RatableTopic[];
}

export interface SeedCounts {
  learners: number;
  supervisors: number;
  ratingRows: number;
  evidence: number;
  pendingRequests: number;
  decidedRequests: number;
  triXUsers: number;
  seconds: number;
}

export interface SeededHub {
  learners: BenchLearner[];
  supervisors: SignedInPerson[];
  /** A learner kept out of the mixed workload, who uploads the large evidence files. */
  uploader: BenchLearner;
  counts: SeedCounts;
}

export const SAVED_FACTOR = 'ai-literacy';

import type { RatingLookup } from '../../domain/assessment/assessment-summary.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';

/**
 * A product-specific statement (Table 2) applies once per product a person uses, and what meets it
 * is that product's own training: passing the knowledge check of the module for the version in use
 * (R8). A topic rating cannot say "for tri-X", so self-rating never meets one; until the training
 * is current the statement is "not yet". A refresher that is merely due (an earlier version passed,
 * its date not yet past) keeps the statements met: `meetingProducts` holds those products too.
 */
export function withProductTraining(ratingOf: RatingLookup, meetingProducts: ReadonlySet<string>): RatingLookup {
  return (requirement, applicable) => {
    if (applicable.productId === null) return ratingOf(requirement, applicable);
    return meetingProducts.has(applicable.productId) ? requirement.level : NOT_YET;
  };
}

import type { Requirement } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';

/**
 * Which requirements apply to a person (R2–R5, R7). Pure: callers load the profile (archetypes,
 * clinical decision making, a supervisor's focus, products used) and validate ids first; unknown
 * ids here are programming errors and throw.
 */

/** The factor whose subtree is the clinical-use layer: "only relevant to AI used in clinical decision making" (Figure A1; 3.4). */
export const CLINICAL_USE_FACTOR = 'clinical-use';

/** R4 (A.5): a User needs advanced education only when they use AI in clinical decision making. */
export const USER_ARCHETYPE = 'user';

/** R7: a supervisor narrowed this archetype's advanced requirements to these factors (a factor covers its sub-factors). */
export interface AdvancedFocus {
  archetype: string;
  factors: readonly string[];
}

/** An AI product the person uses, and whether they use it in clinical decision making. */
export interface ProductUse {
  productId: string;
  clinicalDecisionMaking: boolean;
}

export interface ApplicabilityProfile {
  archetypes: readonly string[];
  /** Whether the person uses AI in clinical reasoning and decision making (advanced tier). */
  clinicalDecisionMaking: boolean;
  /** At most one entry per archetype; an archetype without one is un-narrowed. */
  focus?: readonly AdvancedFocus[];
  /** Product-specific requirements apply once per product listed, in this order. */
  products?: readonly ProductUse[];
}

export type ApplicabilityReason =
  | { type: 'foundational' }
  | { type: 'archetype'; archetype: string }
  | { type: 'product'; productId: string };

export interface ApplicableRequirement {
  requirement: Requirement;
  /** The product a product-specific requirement applies for; null for the other tiers. */
  productId: string | null;
  reasons: ApplicabilityReason[];
}

export type NotApplicableReason =
  | { code: 'not-held-archetype'; archetype: string }
  | { code: 'user-without-clinical-decision-making' }
  | { code: 'clinical-layer-without-clinical-decision-making'; productId: string | null }
  | { code: 'outside-agreed-focus'; archetype: string; factors: string[] }
  | { code: 'no-product'; productId: string | null };

interface ResolvedProfile {
  held: ReadonlySet<string>;
  clinicalDecisionMaking: boolean;
  focusByArchetype: ReadonlyMap<string, readonly string[]>;
  products: readonly ProductUse[];
}

/**
 * The requirements that apply, in the order a learner meets them (R5): foundational, then
 * advanced by archetype in document order, then product-specific per product; document order
 * within each. A product-specific statement appears once per product it applies for.
 */
export function listApplicableRequirements(index: FrameworkIndex, profile: ApplicabilityProfile): ApplicableRequirement[] {
  const resolved = resolveProfile(index, profile);
  const requirements = index.doc.requirements;
  const foundational = requirements
    .filter((r) => r.tier === 'foundational')
    .map((r): ApplicableRequirement => ({ requirement: r, productId: null, reasons: [{ type: 'foundational' }] }));
  const advanced = index.doc.archetypes
    .filter((a) => resolved.held.has(a.id))
    .flatMap((a) =>
      requirements
        .filter((r) => r.tier === 'advanced' && r.archetype === a.id && advancedExclusions(index, resolved, r).length === 0)
        .map((r): ApplicableRequirement => ({ requirement: r, productId: null, reasons: [{ type: 'archetype', archetype: a.id }] })),
    );
  const productSpecific = resolved.products.flatMap((product) =>
    requirements
      .filter((r) => r.tier === 'product-specific' && productExclusions(index, product, r).length === 0)
      .map((r): ApplicableRequirement => ({
        requirement: r,
        productId: product.productId,
        reasons: [{ type: 'product', productId: product.productId }],
      })),
  );
  return [...foundational, ...advanced, ...productSpecific];
}

/**
 * Why a requirement does not apply: every rule that excludes it, most fundamental first; empty
 * when it applies. For a product-specific requirement, `productId` asks about one product;
 * without it the requirement applies if it applies for any product used.
 */
export function whyNotApplicable(
  index: FrameworkIndex,
  profile: ApplicabilityProfile,
  requirement: Requirement,
  productId?: string,
): NotApplicableReason[] {
  const resolved = resolveProfile(index, profile);
  if (requirement.tier === 'foundational') return [];
  if (requirement.tier === 'advanced') return advancedExclusions(index, resolved, requirement);
  if (productId !== undefined) {
    const product = resolved.products.find((p) => p.productId === productId);
    return product ? productExclusions(index, product, requirement) : [{ code: 'no-product', productId }];
  }
  if (resolved.products.length === 0) return [{ code: 'no-product', productId: null }];
  const perProduct = resolved.products.map((p) => productExclusions(index, p, requirement));
  return perProduct.some((reasons) => reasons.length === 0) ? [] : perProduct.flat();
}

/** Whether a requirement sits in the clinical-use layer (its factor is clinical use or beneath it). */
export function isClinicalLayer(index: FrameworkIndex, requirement: Requirement): boolean {
  return isWithinFactor(index, requirement.factor, CLINICAL_USE_FACTOR);
}

function advancedExclusions(index: FrameworkIndex, profile: ResolvedProfile, requirement: Requirement): NotApplicableReason[] {
  // The schema allows a null archetype; findReferenceProblems rejects it for advanced requirements.
  const archetype = requirement.archetype ?? '';
  const reasons: NotApplicableReason[] = [];
  if (!profile.held.has(archetype)) reasons.push({ code: 'not-held-archetype', archetype });
  if (!profile.clinicalDecisionMaking) {
    if (archetype === USER_ARCHETYPE) reasons.push({ code: 'user-without-clinical-decision-making' });
    if (isClinicalLayer(index, requirement)) {
      reasons.push({ code: 'clinical-layer-without-clinical-decision-making', productId: null });
    }
  }
  const focus = profile.focusByArchetype.get(archetype);
  if (focus && !focus.some((factor) => isWithinFactor(index, requirement.factor, factor))) {
    reasons.push({ code: 'outside-agreed-focus', archetype, factors: [...focus] });
  }
  return reasons;
}

function productExclusions(index: FrameworkIndex, product: ProductUse, requirement: Requirement): NotApplicableReason[] {
  if (!product.clinicalDecisionMaking && isClinicalLayer(index, requirement)) {
    return [{ code: 'clinical-layer-without-clinical-decision-making', productId: product.productId }];
  }
  return [];
}

/** True when `factorId` is `ancestorId` or lies anywhere beneath it. */
function isWithinFactor(index: FrameworkIndex, factorId: string, ancestorId: string): boolean {
  let current = index.factorById.get(factorId);
  // Bounded by the number of factors so a malformed parent cycle cannot loop forever.
  for (let steps = 0; current && steps <= index.doc.factors.length; steps += 1) {
    if (current.id === ancestorId) return true;
    current = current.parent === null ? undefined : index.factorById.get(current.parent);
  }
  return false;
}

function resolveProfile(index: FrameworkIndex, profile: ApplicabilityProfile): ResolvedProfile {
  for (const archetype of profile.archetypes) requireArchetype(index, archetype, 'the profile');
  const focusByArchetype = new Map<string, readonly string[]>();
  for (const focus of profile.focus ?? []) {
    requireArchetype(index, focus.archetype, 'a focus');
    if (focusByArchetype.has(focus.archetype)) throw new Error(`More than one focus for archetype "${focus.archetype}"`);
    for (const factor of focus.factors) {
      if (!index.factorById.has(factor)) throw new Error(`Unknown factor "${factor}" in the focus for archetype "${focus.archetype}"`);
    }
    focusByArchetype.set(focus.archetype, focus.factors);
  }
  const products = profile.products ?? [];
  const productIds = new Set(products.map((p) => p.productId));
  // Two entries for one product could disagree about clinical decision making; refuse to guess.
  if (productIds.size !== products.length) throw new Error('A product appears more than once in the profile');
  return {
    held: new Set(profile.archetypes),
    clinicalDecisionMaking: profile.clinicalDecisionMaking,
    focusByArchetype,
    products,
  };
}

function requireArchetype(index: FrameworkIndex, archetype: string, where: string): void {
  if (!index.archetypeById.has(archetype)) {
    throw new Error(`Unknown archetype "${archetype}" in ${where} (framework ${index.doc.id} ${index.doc.version})`);
  }
}

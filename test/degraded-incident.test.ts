/**
 * A simulated degraded incident (issue 11, "done when"; seed 1101 here): remains with drop-out
 * 0.2–0.5 and blank loci, against reference families simulated from the shared FBI 2015
 * Caucasian table (autosomal loci, no mutation). Without the model some true families are
 * excluded; with it none are, and the true family ranks first at least as often as the
 * pristine profiles of the same loci would have it... within the random error of a small run:
 * the degraded profile carries less information, so "at least as often" is checked as
 * "within 10% of the families".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { incidentLoci, runDegradedIncident } from './helpers/degraded-incident.js';

const table = join(
  import.meta.dirname,
  '..',
  '..',
  'shared',
  'data',
  'frequencies',
  'fbi2015-caucasian.csv',
);

describe('a simulated degraded incident', () => {
  it('runDegradedIncident(60 families, seed 1101): no true family excluded with the model, some without', () => {
    const r = runDegradedIncident(incidentLoci(table), 60, 1101);
    expect(r.modelExcluded).toBe(0);
    expect(r.hardExcluded).toBeGreaterThan(0);
    expect(r.modelFirst).toBeGreaterThanOrEqual(r.hardFirst);
    expect(r.modelFirst).toBeGreaterThanOrEqual(r.pristineFirst - 0.1 * r.families);
  });
});

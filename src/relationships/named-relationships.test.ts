import { describe, expect, it } from 'vitest';
import type { KindredError } from '../errors.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import { getRelationship, RELATIONSHIPS } from './named-relationships.js';

describe('RELATIONSHIPS', () => {
  it('lists the 13 named relationships with k summing to 1', () => {
    expect([...RELATIONSHIPS.keys()]).toEqual([
      'direct-match',
      'parent-child',
      'full-siblings',
      'half-siblings-paternal',
      'half-siblings-maternal',
      'grandparent-paternal',
      'grandparent-maternal',
      'avuncular-paternal',
      'avuncular-maternal',
      'first-cousins',
      'great-grandparent-paternal',
      'great-grandparent-maternal',
      'unrelated',
    ]);
    for (const r of RELATIONSHIPS.values()) expect(r.ibd[0] + r.ibd[1] + r.ibd[2]).toBe(1);
  });

  it('has the textbook k values (Weir et al. 2006, Table 1)', () => {
    expect(RELATIONSHIPS.get('full-siblings')!.ibd).toEqual([0.25, 0.5, 0.25]);
    expect(RELATIONSHIPS.get('parent-child')!.ibd).toEqual([0, 1, 0]);
    expect(RELATIONSHIPS.get('avuncular-maternal')!.ibd).toEqual([0.5, 0.5, 0]);
    expect(RELATIONSHIPS.get('first-cousins')!.ibd).toEqual([0.75, 0.25, 0]);
    expect(RELATIONSHIPS.get('direct-match')!.ibd).toEqual([0, 0, 1]);
    expect(RELATIONSHIPS.get('unrelated')!.ibd).toEqual([1, 0, 0]);
  });

  it('every builder gives a valid pedigree (first cousins: 8 rows, TSDoc example)', () => {
    for (const r of RELATIONSHIPS.values()) {
      const records = r.build({ a: 'A', b: 'B', sexA: 'male', sexB: 'male' });
      createPedigree(records);
      expect(records.some((x) => x.id === 'A') && records.some((x) => x.id === 'B')).toBe(true);
    }
    expect(
      RELATIONSHIPS.get('first-cousins')!.build({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' })
        .length,
    ).toBe(8);
  });

  it('entries are frozen', () => {
    expect(Object.isFrozen(RELATIONSHIPS.get('parent-child'))).toBe(true);
    expect(Object.isFrozen(RELATIONSHIPS.get('parent-child')!.ibd)).toBe(true);
  });
});

describe('getRelationship', () => {
  it('returns the entry (TSDoc example: parent-child is PO)', () => {
    expect(getRelationship('parent-child').abbreviation).toBe('PO');
  });

  it('treats __proto__ as an unknown name and lists the known ones', () => {
    let err: unknown;
    try {
      getRelationship('__proto__');
    } catch (e) {
      err = e;
    }
    expect((err as KindredError).code).toBe('INVALID_ARGUMENT');
    expect((err as KindredError).message).toContain('"__proto__"');
    expect((err as KindredError).message).toContain('full-siblings');
  });
});

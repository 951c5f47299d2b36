/**
 * Dense factors over discrete variables and the one operation variable elimination needs:
 * multiply a set of factors and sum one variable out.
 *
 * A factor's table is indexed in mixed radix with the LAST variable of `vars` varying fastest.
 *
 * @module
 */

/** A dense non-negative table over `vars` (variable ids) with domain sizes `card`. */
export interface Factor {
  readonly vars: readonly number[];
  readonly card: readonly number[];
  readonly values: Float64Array;
}

/** Number of entries of a table over variables with these domain sizes. */
export function tableSize(card: readonly number[]): number {
  let s = 1;
  for (const c of card) s *= c;
  return s;
}

/**
 * Multiply `factors` and sum out variable `v` (whose domain size is `cardV`).
 * Returns the resulting factor over the union of scopes minus `v`, with its variables in the
 * order given by `resultVars` (which must be that union) and their domain sizes `resultCard`.
 * When `v` is -1, nothing is summed out (pure product).
 */
export function multiplyAndSumOut(
  factors: readonly Factor[],
  v: number,
  cardV: number,
  resultVars: readonly number[],
  resultCard: readonly number[],
): Factor {
  const nr = resultVars.length;
  const size = tableSize(resultCard);
  const out = new Float64Array(size);
  const nf = factors.length;
  // Loop variables: result vars (outer, last fastest), then v (innermost).
  const loopVars = v >= 0 ? [...resultVars, v] : [...resultVars];
  const loopCard = v >= 0 ? [...resultCard, cardV] : [...resultCard];
  const nl = loopVars.length;
  // strides[f * nl + k]: stride of loop variable k in factor f (0 if absent).
  const strides = new Int32Array(nf * nl);
  for (let f = 0; f < nf; f++) {
    const fac = factors[f]!;
    let stride = 1;
    for (let a = fac.vars.length - 1; a >= 0; a--) {
      const k = loopVars.indexOf(fac.vars[a]!);
      if (k < 0) throw new Error('internal: factor variable missing from loop');
      strides[f * nl + k] = stride;
      stride *= fac.card[a]!;
    }
  }
  const idx = new Int32Array(nf);
  const counter = new Int32Array(nl);
  const values = factors.map((f) => f.values);
  const inner = v >= 0 ? cardV : 1;
  const innerStride = new Int32Array(nf);
  if (v >= 0) for (let f = 0; f < nf; f++) innerStride[f] = strides[f * nl + nl - 1]!;
  const outerN = nr; // number of odometer digits for result
  for (let o = 0; o < size; o++) {
    let sum = 0;
    if (nf === 1) {
      const vals = values[0]!;
      let i0 = idx[0]!;
      const s0 = innerStride[0]!;
      for (let t = 0; t < inner; t++) {
        sum += vals[i0]!;
        i0 += s0;
      }
    } else if (nf === 2) {
      const va = values[0]!;
      const vb = values[1]!;
      let ia = idx[0]!;
      let ib = idx[1]!;
      const sa = innerStride[0]!;
      const sb = innerStride[1]!;
      for (let t = 0; t < inner; t++) {
        sum += va[ia]! * vb[ib]!;
        ia += sa;
        ib += sb;
      }
    } else {
      for (let t = 0; t < inner; t++) {
        let prod = 1;
        for (let f = 0; f < nf; f++) {
          const val = values[f]![idx[f]! + t * innerStride[f]!]!;
          if (val === 0) {
            prod = 0;
            break;
          }
          prod *= val;
        }
        sum += prod;
      }
    }
    out[o] = sum;
    // Advance odometer over result variables (last fastest).
    for (let k = outerN - 1; k >= 0; k--) {
      const c = counter[k]! + 1;
      if (c < loopCard[k]!) {
        counter[k] = c;
        for (let f = 0; f < nf; f++) idx[f] = idx[f]! + strides[f * nl + k]!;
        break;
      }
      counter[k] = 0;
      for (let f = 0; f < nf; f++) idx[f] = idx[f]! - (c - 1) * strides[f * nl + k]!;
    }
  }
  return { vars: resultVars, card: resultCard, values: out };
}

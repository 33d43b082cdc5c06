/**
 * `a IN (…)` against many constants. The legacy ScanFilter / QueryFilter IN takes any number of
 * values (and PartiQL's IN thousands of parameters), and a filter tests every item of a page:
 * comparing each item with each value, numbers parsed anew every time, took 7 s for 2,000 items
 * against 20,000 numbers (test/superlinear-requests.test.ts). The constant strings, numbers and
 * binaries are put in hash sets once per condition, by the identity valuesEqual compares them by
 * (strings as written, numbers by value, binaries by bytes; see set-members.ts); anything else in
 * the list (paths, lists, maps, …) is still compared one by one.
 */
import { valuesEqual } from '../values/compare.js';
import { memberKey } from '../values/set-members.js';
import type { AttributeValue, Item } from '../values/types.js';
import type { Operand } from './compiled.js';

/** Lists shorter than this are compared one by one: a lookup is not worth building for them. */
const LOOKUP_MIN_OPERANDS = 16;

interface InLookup {
  strings: Set<string>;
  numbers: Set<string>;
  binaries: Set<string>;
  /** The operands that are not scalar constants. */
  rest: Operand[];
}

const lookups = new WeakMap<readonly Operand[], InLookup>();

function lookupFor(list: readonly Operand[]): InLookup {
  let l = lookups.get(list);
  if (l !== undefined) return l;
  l = { strings: new Set(), numbers: new Set(), binaries: new Set(), rest: [] };
  for (const o of list) {
    if (o.k !== 'value') l.rest.push(o);
    else if ('S' in o.v) l.strings.add(o.v.S);
    else if ('N' in o.v) l.numbers.add(memberKey('NS', o.v.N));
    else if ('B' in o.v) l.binaries.add(memberKey('BS', o.v.B));
    else l.rest.push(o);
  }
  lookups.set(list, l);
  return l;
}

/**
 * True if `a` equals (valuesEqual) the value of one of `list`'s operands; `value` reads an operand
 * against the item (undefined: no value, equal to nothing).
 */
export function inList(
  a: AttributeValue,
  list: readonly Operand[],
  item: Item | undefined,
  value: (o: Operand, item: Item | undefined) => AttributeValue | undefined,
): boolean {
  const equalOne = (o: Operand): boolean => {
    const v = value(o, item);
    return v !== undefined && valuesEqual(a, v);
  };
  if (list.length < LOOKUP_MIN_OPERANDS) return list.some(equalOne);
  const l = lookupFor(list);
  if ('S' in a ? l.strings.has(a.S) : 'N' in a ? l.numbers.has(memberKey('NS', a.N)) : 'B' in a && l.binaries.has(memberKey('BS', a.B))) {
    return true;
  }
  return l.rest.some(equalOne);
}

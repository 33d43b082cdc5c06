import type { Expr } from './ast.js';

/** Top-level attribute names `e` reads, in order of appearance. */
export function roots(e: Expr, out: string[]): void {
  switch (e.k) {
    case 'path':
      out.push(e.root);
      return;
    case 'lit':
    case 'param':
      return;
    case 'list':
    case 'bag':
      for (const x of e.items) roots(x, out);
      return;
    case 'struct':
      for (const [k, v] of e.entries) {
        roots(k, out);
        roots(v, out);
      }
      return;
    case 'call':
      for (const x of e.args) roots(x, out);
      return;
    case 'bin':
      roots(e.l, out);
      roots(e.r, out);
      return;
    case 'between':
      roots(e.e, out);
      roots(e.lo, out);
      roots(e.hi, out);
      return;
    case 'in':
      roots(e.e, out);
      roots(e.list, out);
      return;
    case 'not':
    case 'is':
      roots(e.e, out);
  }
}

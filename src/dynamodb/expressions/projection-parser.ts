/** Grammar of ProjectionExpression: path (, path)*. */
import type { ParsedProjection, PathNode } from './ast.js';
import { ParserBase } from './parser-base.js';

class ProjectionParser extends ParserBase {
  constructor(text: string) {
    super(text, new Set());
  }

  parse(): ParsedProjection {
    const paths: PathNode[] = [this.parsePath()];
    while (this.isPunct(',')) {
      this.next();
      paths.push(this.parsePath());
    }
    this.expectEnd();
    return { paths };
  }
}

/** Parses a ProjectionExpression; throws ExpressionSyntaxError. */
export function parseProjection(text: string): ParsedProjection {
  return new ProjectionParser(text).parse();
}

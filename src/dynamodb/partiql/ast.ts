/** Parsed PartiQL statements (DynamoDB's subset). Positions are 0-based character offsets. */

export type Literal =
  | { t: 'str'; s: string }
  | { t: 'num'; text: string }
  | { t: 'bool'; b: boolean }
  | { t: 'null' }
  | { t: 'missing' };

export type PathStep = string | number;

export type Expr =
  | { k: 'lit'; v: Literal; pos: number }
  | { k: 'param'; index: number; pos: number }
  | { k: 'path'; root: string; steps: PathStep[]; pos: number }
  | { k: 'list'; items: Expr[]; pos: number }
  | { k: 'bag'; items: Expr[]; pos: number }
  | { k: 'struct'; entries: [Expr, Expr][]; pos: number }
  | { k: 'call'; name: string; args: Expr[]; pos: number }
  | { k: 'bin'; op: BinOp; l: Expr; r: Expr; pos: number }
  | { k: 'not'; e: Expr; pos: number }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; not: boolean; pos: number }
  | { k: 'in'; e: Expr; list: Expr; not: boolean; pos: number }
  | { k: 'is'; e: Expr; type: string; not: boolean; pos: number };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type BinOp = CompareOp | 'and' | 'or' | '+' | '-' | '*' | '/' | '%' | '||';

export type PathExpr = Extract<Expr, { k: 'path' }>;

export interface Source {
  table: string;
  index?: string;
  pos: number;
}

export interface Returning {
  mode: 'ALL' | 'MODIFIED';
  side: 'OLD' | 'NEW';
}

export interface SelectStatement {
  kind: 'select';
  /** undefined = `*` */
  projection?: PathExpr[];
  source: Source;
  where?: Expr;
  orderBy: { path: PathExpr; desc: boolean }[];
  params: number;
  /**
   * `SELECT COUNT(*) FROM "table"."index"`: refused ("Unsupported operation: COUNT") once the index
   * is resolved, since DynamoDB reports a multi-attribute index's refusal ahead of it (plan.ts).
   */
  countOnIndex?: boolean;
}

export interface InsertStatement {
  kind: 'insert';
  source: Source;
  value: Expr;
  params: number;
}

export type UpdateAction = { op: 'set'; path: PathExpr; value: Expr } | { op: 'remove'; path: PathExpr };

export interface UpdateStatement {
  kind: 'update';
  source: Source;
  actions: UpdateAction[];
  where?: Expr;
  returning?: Returning;
  params: number;
}

export interface DeleteStatement {
  kind: 'delete';
  source: Source;
  where?: Expr;
  returning?: Returning;
  params: number;
}

export interface ExistsStatement {
  kind: 'exists';
  select: SelectStatement;
  params: number;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement | ExistsStatement;

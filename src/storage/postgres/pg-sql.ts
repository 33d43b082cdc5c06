/**
 * Every statement of the engine, built once per schema. Statements run as named prepared
 * statements (parsed once per connection); names carry the schema so two engines on different
 * schemas never share a name on one server session.
 *
 * Portability: plain SQL that PostgreSQL 13+, CockroachDB and YugabyteDB accept — `= ANY(array)`,
 * `unnest` of parameter arrays, `INSERT … ON CONFLICT`, `RETURNING`, `COLLATE "C"`. No advisory
 * locks, LISTEN/NOTIFY, temporary tables or server-side functions.
 */
export class PgSql {
  readonly beginSerializable = 'BEGIN ISOLATION LEVEL SERIALIZABLE';
  readonly kvGet: string;
  readonly kvGetMany: string;
  readonly kvPut: string;
  readonly kvPutMany: string;
  readonly kvDelete: string;
  readonly kvDeleteMany: string;
  readonly kvDropSpace: string;
  readonly kvStats: string;
  readonly headBump: string;
  readonly headGet: string;
  readonly headDrop: string;
  readonly logInsert: string;
  readonly logRead: string;
  readonly logTrim: string;
  readonly logDrop: string;
  readonly catGet: string;
  readonly catGetMany: string;
  readonly catPutMany: string;
  readonly catDeleteMany: string;
  readonly catListAll: string;
  readonly catListRange: string;
  readonly catListFrom: string;

  private readonly prefix: string;
  private readonly ranges = new Map<number, { name: string; text: string }>();

  constructor(
    private readonly s: string,
    schemaName: string,
  ) {
    this.prefix = `eddy_${schemaName}_`;
    this.kvGet = `SELECT v FROM ${s}.kv WHERE space = $1 AND k = $2`;
    this.kvGetMany = `SELECT k, v FROM ${s}.kv WHERE space = $1 AND k = ANY($2::bytea[])`;
    this.kvPut = `INSERT INTO ${s}.kv (space, k, v) VALUES ($1, $2, $3) ON CONFLICT (space, k) DO UPDATE SET v = EXCLUDED.v`;
    this.kvPutMany = `INSERT INTO ${s}.kv (space, k, v) SELECT $1, t.k, t.v FROM unnest($2::bytea[], $3::text[]) AS t(k, v)
      ON CONFLICT (space, k) DO UPDATE SET v = EXCLUDED.v`;
    this.kvDelete = `DELETE FROM ${s}.kv WHERE space = $1 AND k = $2`;
    this.kvDeleteMany = `DELETE FROM ${s}.kv WHERE space = $1 AND k = ANY($2::bytea[])`;
    this.kvDropSpace = `DELETE FROM ${s}.kv WHERE space = $1`;
    this.kvStats = `SELECT count(*) AS items, coalesce(sum(octet_length(k) + octet_length(v)), 0) AS bytes FROM ${s}.kv WHERE space = $1`;
    this.headBump = `INSERT INTO ${s}.log_heads (log, head) VALUES ($1, $2) ON CONFLICT (log)
      DO UPDATE SET head = ${s}.log_heads.head + EXCLUDED.head RETURNING head`;
    this.headGet = `SELECT head FROM ${s}.log_heads WHERE log = $1`;
    this.headDrop = `DELETE FROM ${s}.log_heads WHERE log = $1`;
    this.logInsert = `INSERT INTO ${s}.logs (log, seq, v) SELECT $1, t.seq, t.v FROM unnest($2::bigint[], $3::text[]) AS t(seq, v)`;
    this.logRead = `SELECT seq, v FROM ${s}.logs WHERE log = $1 AND seq > $2 ORDER BY seq LIMIT $3`;
    this.logTrim = `DELETE FROM ${s}.logs WHERE log = $1 AND seq < $2`;
    this.logDrop = `DELETE FROM ${s}.logs WHERE log = $1`;
    this.catGet = `SELECT v FROM ${s}.catalog WHERE k = $1`;
    this.catGetMany = `SELECT k, v FROM ${s}.catalog WHERE k = ANY($1::text[])`;
    this.catPutMany = `INSERT INTO ${s}.catalog (k, v) SELECT t.k, t.v FROM unnest($1::text[], $2::text[]) AS t(k, v)
      ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v`;
    this.catDeleteMany = `DELETE FROM ${s}.catalog WHERE k = ANY($1::text[])`;
    this.catListAll = `SELECT k, v FROM ${s}.catalog ORDER BY k`;
    this.catListRange = `SELECT k, v FROM ${s}.catalog WHERE k >= $1 AND k < $2 ORDER BY k`;
    this.catListFrom = `SELECT k, v FROM ${s}.catalog WHERE k >= $1 ORDER BY k`;
  }

  /** The prepared-statement name for a statement of this schema. */
  stmtName(field: string): string {
    return this.prefix + field;
  }

  get kvGetName(): string {
    return this.prefix + 'kvGet';
  }
  get kvGetManyName(): string {
    return this.prefix + 'kvGetMany';
  }
  get kvPutName(): string {
    return this.prefix + 'kvPut';
  }
  get kvPutManyName(): string {
    return this.prefix + 'kvPutMany';
  }
  get kvDeleteName(): string {
    return this.prefix + 'kvDelete';
  }
  get kvDeleteManyName(): string {
    return this.prefix + 'kvDeleteMany';
  }
  get headBumpName(): string {
    return this.prefix + 'headBump';
  }
  get logInsertName(): string {
    return this.prefix + 'logInsert';
  }
  get catGetManyName(): string {
    return this.prefix + 'catGetMany';
  }
  get catPutManyName(): string {
    return this.prefix + 'catPutMany';
  }
  get catDeleteManyName(): string {
    return this.prefix + 'catDeleteMany';
  }

  /**
   * Range statement for one shape of bounds (start: 0 none, 1 >=, 2 >; end: 0 none, 1 <, 2 <=)
   * and direction; parameters are $1 space, $2 limit, then start, then end.
   */
  range(start: 0 | 1 | 2, end: 0 | 1 | 2, reverse: boolean): { name: string; text: string } {
    const code = start * 6 + end * 2 + (reverse ? 1 : 0);
    let stmt = this.ranges.get(code);
    if (stmt === undefined) {
      let text = `SELECT k, v FROM ${this.s}.kv WHERE space = $1`;
      let n = 3;
      if (start !== 0) text += ` AND k ${start === 1 ? '>=' : '>'} $${n++}`;
      if (end !== 0) text += ` AND k ${end === 1 ? '<' : '<='} $${n++}`;
      text += ` ORDER BY k ${reverse ? 'DESC' : 'ASC'} LIMIT $2`;
      stmt = { name: `${this.prefix}range${code}`, text };
      this.ranges.set(code, stmt);
    }
    return stmt;
  }
}

/**
 * The smallest string greater than every string that starts with `prefix`, in code-point order
 * (= UTF-8 byte order = `COLLATE "C"`): the last code point incremented, skipping the surrogate
 * range; undefined when there is none (empty prefix, or only U+10FFFF code points).
 */
export function prefixEnd(prefix: string): string | undefined {
  const cps = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (cps.length > 0) {
    let last = (cps.pop() as number) + 1;
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000;
    if (last <= 0x10ffff) {
      cps.push(last);
      return String.fromCodePoint(...cps);
    }
  }
  return undefined;
}

/**
 * DynamoDB ARNs: `arn:aws:dynamodb:<region>:<account>:table/<name>[/index/<index>|/stream/<label>]`.
 */
export function tableArn(region: string, account: string, name: string): string {
  return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** e.g. `table/users/index/byEmail` */
  resource: string;
}

/** Splits an ARN into its parts; undefined when it does not have the six `:`-separated parts. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

export interface TableArnRef {
  region: string;
  account: string;
  table: string;
  /** Present for `.../index/<name>` */
  index?: string;
  /** Present for `.../stream/<label>` */
  stream?: string;
}

/** Parses a DynamoDB table, index or stream ARN; undefined for anything else. */
export function parseTableArn(arn: string): TableArnRef | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'dynamodb') return undefined;
  const segs = p.resource.split('/');
  if (segs[0] !== 'table' || !segs[1]) return undefined;
  const ref: TableArnRef = { region: p.region, account: p.account, table: segs[1] };
  if (segs.length === 2) return ref;
  if (segs.length === 4 && segs[2] === 'index' && segs[3]) return { ...ref, index: segs[3] };
  if (segs.length === 4 && segs[2] === 'stream' && segs[3]) return { ...ref, stream: segs[3] };
  return undefined;
}

/** DynamoDB's stream label: the creation instant as ISO-8601 without the zone (`2026-11-24T09:26:00.123`). */
export function streamLabel(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '');
}
